import { describe, expect, it } from 'vitest';
import {
  AUTHORI_RESULT_LABELS,
  HOLD_REASON_CODES,
  HOLD_SETTLED_OUTSIDE_DATA,
  KNOWN_NP_CODES,
  LOCAL,
  NG_REASON_CODES,
  NP_CODE,
  NP_EMAIL_CODES,
  NP_PERSON_CODES,
  PAYMENT_STATUS_LABELS,
  describeNpCode,
  fieldOfNpCode,
  npCodeFacts,
} from '../../shared/np/codes';
import { AUTHORI_RESULTS, NP_STATUS_LABELS } from '../../shared/np/status';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const range = (prefix: string, from: number, to: number, width: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(width, '0')}`);

/** Every code of np-api.md §7–§8, transcribed from its tables (RE030 does not exist there). */
const REFERENCE_CODES = [
  ...['EPRO0101', 'EPRO0102', 'EPRO0105', 'EPRO0106', 'EPRO0107', 'EPRO0109', 'E0100002', 'E0100003', 'E0100113'],
  ...range('E01000', 48, 91, 2),
  ...['E0100136', 'E0100137', 'E0102004', 'E0100114', 'E0100115', 'E0100118', 'E0100120', 'E0100121', 'E0100131', 'E0100132'],
  ...range('E01001', 5, 11, 2),
  ...['E0100124', 'E0100126', 'E0100143', 'E0109002', 'E0109003', 'E0131006', 'E0131010', 'E0131011'],
  ...range('RE', 1, 29, 3),
  'RE031',
  ...['NG001', 'NG002', 'NG999'],
];

describe('describeNpCode', () => {
  it('knows every code of np-api.md §7–§8 with a Japanese meaning and action', () => {
    const ref = REFERENCE_CODES;
    expect(ref).toContain('E0100091');
    expect(ref).toContain('E0100110');
    const missing = ref.filter((c) => !KNOWN_NP_CODES.includes(c));
    expect(missing).toEqual([]);
    for (const c of ref) {
      const info = describeNpCode(c);
      expect(info.code).toBe(c);
      expect(info.meaning, c).toMatch(JAPANESE);
      expect(info.action, c).toMatch(JAPANESE);
    }
  });

  it('has the hold reasons RE001–RE031 except RE030, and NG001/NG002/NG999', () => {
    expect(HOLD_REASON_CODES).toHaveLength(30);
    expect(HOLD_REASON_CODES).not.toContain('RE030');
    expect(NG_REASON_CODES).toEqual(['NG001', 'NG002', 'NG999']);
    expect(describeNpCode('NG001').meaning).toContain('上限');
    expect(describeNpCode('RE009').meaning).toContain('建物');
    expect(describeNpCode('E0100118').meaning).toContain('入金済み');
    expect(describeNpCode('E0100114').meaning).toContain('キャンセル済み');
  });

  it('describes the app’s local codes, with the exact staff text for an ambiguous register', () => {
    expect(describeNpCode(LOCAL.AMBIGUOUS_REGISTER)).toEqual({
      code: 'LOCAL_AMBIGUOUS_REGISTER',
      meaning: expect.stringContaining('登録要求がNPに届いたか不明'),
      action: 'NP加盟店管理画面で取引を確認し、取引IDを紐付けるか、再度取引登録してください',
    });
    for (const code of Object.values(LOCAL)) expect(describeNpCode(code).meaning, code).toMatch(JAPANESE);
    expect(describeNpCode(LOCAL.AUTH).action).toContain('SPコード');
    expect(describeNpCode(LOCAL.FORBIDDEN).action).toContain('端末ID');
  });

  it('gives unknown codes a generic Japanese text and never throws', () => {
    expect(describeNpCode('E9999999').meaning).toContain('E9999999');
    expect(describeNpCode('RE099').meaning).toContain('与信保留');
    expect(describeNpCode('NG123').meaning).toContain('与信NG');
    expect(() => describeNpCode(undefined as unknown as string)).not.toThrow();
    expect(describeNpCode('toString').meaning).toContain('未知');
  });
});

describe('labels', () => {
  it('labels every authori_result like the NP status model does', () => {
    for (const r of AUTHORI_RESULTS) expect(AUTHORI_RESULT_LABELS[r]).toBeTruthy();
    expect(AUTHORI_RESULT_LABELS['00']).toBe(NP_STATUS_LABELS.ok);
    expect(AUTHORI_RESULT_LABELS['10']).toBe(NP_STATUS_LABELS.hold);
    expect(AUTHORI_RESULT_LABELS['20']).toBe(NP_STATUS_LABELS.ng);
    expect(AUTHORI_RESULT_LABELS['40']).toBe(NP_STATUS_LABELS.reviewing);
    expect(PAYMENT_STATUS_LABELS).toMatchObject({ '10': '未入金', '20': '入金済み' });
  });
});

describe('the registry beyond meanings', () => {
  it('names the form field of every person code the shared validation gives, and every such code has a meaning', () => {
    for (const [block, prefix] of [[NP_PERSON_CODES.customer, 'customer'], [NP_PERSON_CODES.dest, 'shipTo']] as const) {
      for (const code of Object.values(block)) {
        expect(fieldOfNpCode(code), code).toMatch(new RegExp(`^${prefix}\\.`, 'u'));
        expect(KNOWN_NP_CODES).toContain(code);
      }
    }
    expect(fieldOfNpCode(NP_EMAIL_CODES.format)).toBe('customer.email');
    expect(fieldOfNpCode('E0100059')).toBe('customer.zip');
    expect(fieldOfNpCode('E0100083')).toBe('shipTo.zip');
    expect(fieldOfNpCode(NP_CODE.CANCELLED)).toBeNull();
  });

  it('says what a code tells about the transaction, and which holds are settled outside the data', () => {
    expect([...npCodeFacts(['E0100050', NP_CODE.CANCELLED, NP_CODE.PAID])].sort()).toEqual(['cancelled', 'paid']);
    expect([...npCodeFacts([NP_CODE.NOT_FOUND])]).toEqual(['unknown_transaction']);
    expect(npCodeFacts(['RE014']).size).toBe(0);
    for (const code of HOLD_SETTLED_OUTSIDE_DATA) expect(HOLD_REASON_CODES).toContain(code);
    expect(HOLD_SETTLED_OUTSIDE_DATA.has('RE021')).toBe(true);
    expect(HOLD_SETTLED_OUTSIDE_DATA.has('RE026')).toBe(false); // NP後払い cannot be used: nothing to review again
  });
});
