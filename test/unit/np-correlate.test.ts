/** correlate.ts: NP's answers matched to the request items, as pure functions over a batch and its answer. */
import { describe, expect, it } from 'vitest';
import { correlateFinds, correlateOutbox, outboxKey } from '../../electron/core/np/correlate';
import type { OutboxRow } from '../../electron/core/np/store';
import type { NpAction } from '../../shared/np/status';

function row(id: number, action: NpAction, payload: object): OutboxRow {
  return { id, order_id: id * 10, action, payload: JSON.stringify(payload), state: 'sending', attempts: 1, next_attempt_at: 0, sent_at: 0, created_at: 0, updated_at: 0, last_error: null } as OutboxRow;
}

describe('correlateOutbox', () => {
  it('matches registers by shop_transaction_id and the rest by np_transaction_id; silence is unanswered', () => {
    const rows = [row(1, 'register', { shop_transaction_id: 'A' }), row(2, 'register', { shop_transaction_id: 'B' }), row(3, 'register', { shop_transaction_id: 'C' })];
    const verdicts = correlateOutbox(rows, {
      results: [{ np_transaction_id: '26112800002', shop_transaction_id: 'B' }],
      errors: [{ id: 'A', codes: ['E0100050'] }],
    });
    expect(verdicts.map((v) => v.kind)).toEqual(['refused', 'accepted', 'unanswered']);
    expect(verdicts[0]).toMatchObject({ codes: ['E0100050'] });
    expect(verdicts[1]).toMatchObject({ result: { np_transaction_id: '26112800002' } });
    expect(outboxKey(rows[0]!)).toBe('A');
    const updates = [row(4, 'update', { np_transaction_id: '26112800004' })];
    expect(correlateOutbox(updates, { results: [{ np_transaction_id: '26112800004' }], errors: [] })[0]!.kind).toBe('accepted');
  });

  it('a request-level error concerns every item; one register with one result needs no echoed id', () => {
    const rows = [row(1, 'cancel', { np_transaction_id: '1' }), row(2, 'cancel', { np_transaction_id: '2' })];
    expect(correlateOutbox(rows, { results: [], errors: [{ codes: ['EPRO0101'] }] }).map((v) => v.kind === 'refused' && v.codes)).toEqual([['EPRO0101'], ['EPRO0101']]);
    const one = [row(5, 'register', { shop_transaction_id: 'Z' })];
    expect(correlateOutbox(one, { results: [{ np_transaction_id: '26112800005' }], errors: [] })[0]!.kind).toBe('accepted');
    const two = [row(6, 'register', { shop_transaction_id: 'X' }), row(7, 'register', { shop_transaction_id: 'Y' })];
    expect(correlateOutbox(two, { results: [{ np_transaction_id: '26112800006' }], errors: [] }).map((v) => v.kind)).toEqual(['unanswered', 'unanswered']);
  });
});

describe('correlateFinds', () => {
  it('keeps results and item errors of this batch only, results first', () => {
    const batch = [
      { order_id: 1, np_transaction_id: 'AAAAAAAAAAA' },
      { order_id: 2, np_transaction_id: 'BBBBBBBBBBB' },
    ];
    const verdicts = correlateFinds(batch, {
      results: [{ np_transaction_id: 'BBBBBBBBBBB', authori_result: '00' }, { np_transaction_id: 'ZZZZZZZZZZZ' }],
      errors: [{ id: 'AAAAAAAAAAA', codes: ['E0100113'] }, { codes: ['EPRO0101'] }],
    });
    expect(verdicts).toEqual([
      { target: batch[1], result: { np_transaction_id: 'BBBBBBBBBBB', authori_result: '00' } },
      { target: batch[0], codes: ['E0100113'] },
    ]);
  });
});
