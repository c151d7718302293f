/**
 * 〒 → 住所 in the renderer: Japan Post's data stays in the core, so the entries of a zip code are asked for once
 * (contract method lookupZip) and kept here, reactive: the NP rule warnings (validate.ts npWarnings) re-check the
 * address when they arrive, and PersonFields fills the address from them.
 */
import { reactive } from 'vue';
import { api } from '../api/client';
import { zipDigits, type ZipAddress, type ZipLookup } from '../../../shared/zip-address';

const known = reactive(new Map<string, ZipAddress[]>());
const asking = new Map<string, Promise<ZipAddress[] | null>>();

/** The entries already known for a zip code ([] when not asked yet, unknown or malformed: not judged then). */
export const knownZipEntries: ZipLookup = (zip) => {
  const d = zipDigits(zip);
  return (d && known.get(d)) || [];
};

/**
 * Asks the core for a zip code's entries (once per code): [] when the code is unknown, null when it is not seven
 * digits or the core could not answer (nothing is known then, and nothing is claimed).
 */
export async function lookupZipEntries(zip: string): Promise<ZipAddress[] | null> {
  const d = zipDigits(zip);
  if (!d) return null;
  const hit = known.get(d);
  if (hit) return hit;
  let pending = asking.get(d);
  if (!pending) {
    pending = api
      .lookupZip({ zip: d })
      .then((r) => {
        known.set(d, r.entries);
        return r.entries;
      })
      .catch(() => null)
      .finally(() => asking.delete(d));
    asking.set(d, pending);
  }
  return pending;
}

/** Forget what was asked (tests). */
export function resetZipEntries(): void {
  known.clear();
  asking.clear();
}
