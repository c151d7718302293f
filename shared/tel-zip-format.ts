/**
 * TEL and zip for people to read (stored and sent to NP as digits), shared by the screens and the CSV export.
 * TEL is split by Japan's numbering plan as libphonenumber-js knows it (Google's libphonenumber data): 0466-12-3456,
 * 011-234-5678, 0197-12-3456, 03-1234-5678, 090-1234-5678, 0120-123-456, 050-1234-5678. Only Japan's part of
 * the metadata is bundled (tel-metadata-jp.json, ~3 KB, from scripts/generate-tel-metadata.mjs). The format is
 * chosen as the library's formatNational() chooses it (the last leading-digits pattern, then the whole pattern)
 * with the regular expressions compiled once: the library's own call costs ~50 µs a number, too slow for a
 * 200,000-row export. Japan's leading-digits patterns read at most the first 5 digits after the 0 and its
 * number patterns only count digits, so the choice is remembered per length and first 6 digits.
 * test/unit/tel-format.test.ts checks both facts on the metadata and that the result agrees with the library.
 */
import metadata from './tel-metadata-jp.json';

/** One national format of the metadata: [pattern, format, leading-digits patterns, national-prefix rule]. */
type MetadataFormat = [pattern: string, format: string, leadingDigits?: string[], nationalPrefixRule?: string, ...rest: unknown[]];

interface TelFormat {
  leading: RegExp | null;
  whole: RegExp;
  pattern: RegExp;
  /** e.g. '0$1-$2-$3': the national prefix rule put in place of the first group, as the library does. */
  template: string;
}

let formats: TelFormat[] | null = null;
/** The format chosen for a length and the first 6 digits (null: none fits). */
const chosen = new Map<string, TelFormat | null>();
/** How many leading digits decide the format (see the module comment; the test checks the metadata). */
export const TEL_FORMAT_KEY_DIGITS = 6;

function telFormats(): TelFormat[] {
  if (formats) return formats;
  const jp = metadata.countries.JP as unknown[];
  formats = (jp[4] as MetadataFormat[]).map(([pattern, format, leading, rule]) => ({
    leading: leading?.length ? new RegExp(`^(?:${leading[leading.length - 1]})`, 'u') : null,
    whole: new RegExp(`^(?:${pattern})$`, 'u'),
    pattern: new RegExp(pattern, 'u'),
    template: rule ? format.replace(/(\$\d)/u, rule) : format,
  }));
  return formats;
}

/** A Japanese number with hyphens (0X0-XXXX-XXXX, 03-XXXX-XXXX …); anything that is not one is returned as given. */
export function formatTel(tel: string): string {
  const d = tel.replace(/\D/gu, '');
  // 010 is Japan's international call prefix, not the start of a number in Japan.
  if (!/^0\d{9,10}$/u.test(d) || d.startsWith('010')) return tel;
  const national = d.slice(1);
  const key = `${d.length}${d.slice(0, TEL_FORMAT_KEY_DIGITS)}`;
  let f = chosen.get(key);
  if (f === undefined) {
    f = telFormats().find((x) => (!x.leading || x.leading.test(national)) && x.whole.test(national)) ?? null;
    if (chosen.size < 50_000) chosen.set(key, f);
  }
  return f ? national.replace(f.pattern, f.template) : tel;
}

/** '1070052' → '107-0052' (in a CSV the hyphen also keeps Excel from reading 0600001 as the number 600001). */
export function formatZip(zip: string): string {
  const d = zip.replace(/\D/gu, '');
  return /^\d{7}$/u.test(d) ? `${d.slice(0, 3)}-${d.slice(3)}` : zip;
}
