/** 〒 → 住所: the renderer's window on Japan Post's zip data, which stays in the core (electron/core/zip). */
import type { Handlers } from '../../../../shared/contract';
import { zipDigits } from '../../../../shared/zip-address';
import { zipLookup } from '../../zip/lookup';

export function zipHandlers(): Pick<Handlers, 'lookupZip'> {
  return {
    lookupZip: ({ zip }) => ({ zip: zipDigits(zip), entries: [...zipLookup(zip)] }),
  };
}
