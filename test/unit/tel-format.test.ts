import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import { TEL_FORMAT_KEY_DIGITS, formatTel, formatZip } from '../../shared/tel-zip-format';
import jpMetadata from '../../shared/tel-metadata-jp.json';

const all = createRequire(import.meta.url)('libphonenumber-js/metadata.min.json') as MetadataJson & { countries: Record<string, unknown>; country_calling_codes: Record<string, unknown> };

describe('TEL by Japan’s numbering plan (libphonenumber-js metadata)', () => {
  it('formats the issue’s table', () => {
    const table: [string, string][] = [
      ['0466123456', '0466-12-3456'],
      ['0112345678', '011-234-5678'],
      ['0197123456', '0197-12-3456'],
      ['0312345678', '03-1234-5678'],
      ['09012345678', '090-1234-5678'],
      ['0120123456', '0120-123-456'],
      ['05012345678', '050-1234-5678'],
      ['0612345678', '06-1234-5678'],
      ['08001234567', '0800-123-4567'],
      ['0570123456', '0570-123-456'],
      ['07012345678', '070-1234-5678'],
      ['0133123456', '0133-12-3456'],
      ['0996123456', '0996-12-3456'],
    ];
    for (const [digits, shown] of table) {
      expect(formatTel(digits), digits).toBe(shown);
      expect(formatTel(shown), shown).toBe(shown); // already hyphenated: the same
    }
  });

  it('leaves what is not a Japanese number as it was given', () => {
    for (const t of ['', '0312', '+1 415 555 0100', '12345678901', '0312345678901', '内線12']) expect(formatTel(t)).toBe(t);
  });

  it('agrees with the library’s formatNational() for every 4-digit start of a 10- and 11-digit number', () => {
    const metadata = jpMetadata as unknown as MetadataJson;
    const mismatches: string[] = [];
    for (let p = 0; p < 10_000; p++) {
      const start = String(p).padStart(4, '0');
      for (const rest of ['23456', '98765', '234567', '987654']) {
        const digits = `0${start}${rest}`;
        const lib = parsePhoneNumberFromString(digits, 'JP', metadata);
        const expected = lib?.formatNational().includes('-') ? lib.formatNational() : digits; // unformatted: as given
        // 010… is the international call prefix: never formatted here (the library formats some of them)
        if (formatTel(digits) !== expected && !digits.startsWith('010')) mismatches.push(`${digits}: ${formatTel(digits)} ≠ ${expected}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('the metadata lets the format be chosen by the length and the first 6 digits (what formatTel remembers)', () => {
    const formats = (jpMetadata.countries.JP as unknown[])[4] as [string, string, string[]?][];
    expect(formats.length).toBeGreaterThan(3);
    /** The most digits a leading-digits pattern (digits, [classes], groups, alternation, {n}) can read. */
    function depth(p: string): number {
      let i = 0;
      const seq = (): number => {
        let d = 0;
        while (i < p.length && p[i] !== '|' && p[i] !== ')') {
          let step = 1;
          if (p[i] === '(') {
            i += p.startsWith('(?:', i) ? 3 : 1;
            step = alt();
            i++; // ')'
          } else if (p[i] === '[') i = p.indexOf(']', i) + 1;
          else if (p[i] === '\\') i += 2;
          else if (/\d/u.test(p[i]!)) i++;
          else throw new Error(`unexpected ${p[i]} in ${p}`);
          const rep = /^\{(\d+)(?:,(\d+))?\}/u.exec(p.slice(i));
          if (rep) {
            step *= Number(rep[2] ?? rep[1]);
            i += rep[0].length;
          } else if (p[i] === '?') i++;
          d += step;
        }
        return d;
      };
      const alt = (): number => {
        let best = seq();
        while (p[i] === '|') {
          i++;
          best = Math.max(best, seq());
        }
        return best;
      };
      return alt();
    }
    for (const [pattern, , leading] of formats) {
      expect(pattern, pattern).toMatch(/^(\(\\d(\{\d+\})?\))+$/u); // only counts digits: depends on the length alone
      for (const l of leading ?? []) expect(depth(l), l).toBeLessThanOrEqual(TEL_FORMAT_KEY_DIGITS - 1); // digits after the 0
    }
  });

  it('bundles Japan’s part of the installed metadata, current (node scripts/generate-tel-metadata.mjs)', () => {
    expect(jpMetadata).toEqual({
      version: all.version,
      country_calling_codes: { 81: all.country_calling_codes['81'] },
      countries: { JP: all.countries.JP },
      nonGeographic: {},
    });
  });

  it('zip: 7 digits with a hyphen', () => {
    expect(formatZip('1070052')).toBe('107-0052');
    expect(formatZip('107')).toBe('107');
  });
});
