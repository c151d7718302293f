import { describe, expect, it } from 'vitest';
import {
  AUTHORI_RESULT_LABELS,
  HOLD_REASON_CODES,
  KNOWN_NP_CODES,
  LOCAL,
  NG_REASON_CODES,
  PAYMENT_STATUS_LABELS,
  describeNpCode,
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
