// Writes shared/tel-metadata-jp.json: Japan's part of libphonenumber-js's metadata (metadata.min.json), so the
// renderer bundle carries ~3 KB of numbering plan instead of the whole world's ~80 KB. Run after updating
// libphonenumber-js: node scripts/generate-tel-metadata.mjs (test/unit/tel-format.test.ts fails until then).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const all = require('libphonenumber-js/metadata.min.json');
const jp = {
  version: all.version,
  country_calling_codes: { 81: all.country_calling_codes['81'] },
  countries: { JP: all.countries.JP },
  nonGeographic: {},
};
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'shared', 'tel-metadata-jp.json');
writeFileSync(out, `${JSON.stringify(jp)}\n`);
console.log(`wrote ${out}`);
