/**
 * TEL and zip for people to read (stored and sent to NP as digits), shared by the screens and the CSV export.
 * TEL is split by Japan's numbering plan as libphonenumber-js knows it (Google's libphonenumber data): 0466-12-3456,
 * 011-234-5678, 0197-12-3456, 03-1234-5678, 090-1234-5678, 0120-123-456, 050-1234-5678. Only Japan's part of
 * the metadata is bundled (tel-metadata-jp.json, ~3 KB, from scripts/generate-tel-metadata.mjs). The format is
 * chosen as the library's formatNational() chooses it (the last leading-digits pattern, then the whole pattern)
 * with the regular expressions compiled once: the library's own call costs ~50 µs a number, too slow for a
 * 200,000-row export. test/unit/tel-format.test.ts checks both agree for every area code.
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
  for (const f of telFormats()) {
    if ((f.leading && !f.leading.test(national)) || !f.whole.test(national)) continue;
    return national.replace(f.pattern, f.template);
  }
  return tel;
}

/** '1070052' → '107-0052' (in a CSV the hyphen also keeps Excel from reading 0600001 as the number 600001). */
export function formatZip(zip: string): string {
  const d = zip.replace(/\D/gu, '');
  return /^\d{7}$/u.test(d) ? `${d.slice(0, 3)}-${d.slice(3)}` : zip;
}
