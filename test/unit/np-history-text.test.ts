/** NP履歴 says what happened in words: the app's own codes (LOCAL_*) never appear on screen, NP's codes do. */
import { describe, expect, it } from 'vitest';
import { historyEntry } from '../../electron/core/np/history';
import type { EventRow } from '../../electron/core/np/store';
import { isAppCode } from '../../shared/np/codes';

const row = (over: Partial<EventRow>): EventRow => ({
  id: 1,
  at: 0,
  run_id: null,
  order_id: 1,
  outbox_id: 1,
  kind: 'answer',
  action: 'register',
  endpoint: '/transactions',
  np_transaction_id: null,
  http_status: null,
  outcome: 'ambiguous',
  codes: '[]',
  body: null,
  ...over,
});

describe('NP history lines', () => {
  it('describe the app’s own codes by their meaning', () => {
    const e = historyEntry(row({ codes: JSON.stringify(['LOCAL_AMBIGUOUS_REGISTER']) }));
    expect(e.summary).not.toMatch(/LOCAL_/u);
    expect(e.summary).toContain('登録要求がNPに届いたか不明です');
    const retry = historyEntry(row({ outcome: 'retry', codes: JSON.stringify(['LOCAL_SERVER']) }));
    expect(retry.summary).toBe('NPから正常な応答がありませんでした（NPのサーバーでエラーが発生しました（メンテナンス中の可能性があります））。再送します');
  });

  it('keep NP’s own codes, which staff quote to NP', () => {
    const e = historyEntry(row({ outcome: 'refused', codes: JSON.stringify(['E0100061']) }));
    expect(e.summary).toBe('NPが取引登録を受け付けませんでした（E0100061）');
    expect(isAppCode('E0100061')).toBe(false);
    expect(isAppCode('LOCAL_SERVER')).toBe(true);
  });
});
