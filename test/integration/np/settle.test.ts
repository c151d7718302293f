/**
 * Settling 「登録されたか不明」 registers in bulk, against the real sandbox and a real SQLite file: NP取引IDs from
 * NP's transaction CSV (preview writes nothing, apply attaches in one transaction), and 再登録 of orders staff
 * confirmed are not at NP — each order ends with exactly one NP transaction, counted at the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachNpIdsFromCsv, isAmbiguousRegister, reregisterAmbiguous } from '../../../electron/core/np/settle';
import { npOrder, openTestStore, startTestSandbox, tempDir, testClient, testEngine, type TestSandbox, type TestStore } from './helpers';

const NOW = Date.UTC(2026, 10, 30, 3, 0);

describe('settling ambiguous registers in bulk', () => {
  const tmp = tempDir('atobarai-settle-');
  let t: TestSandbox;
  let s: TestStore;
  beforeAll(async () => {
    t = await startTestSandbox();
    s = openTestStore(tmp.file('settle.sqlite'), { clock: { now: () => NOW } });
  });
  afterAll(async () => {
    s.db.close();
    await t.stop();
    tmp.cleanup();
  });

  const add = (from: number, n: number): number[] =>
    Array.from({ length: n }, (_, k) => {
      const id = s.orders.insert(npOrder(from + k), NOW).id;
      s.np.queue(id, 'register');
      return id;
    });

  it('attaches NP取引IDs from NP’s transaction CSV: the preview writes nothing, the apply settles them in one go', async () => {
    const ids = add(1, 8);
    // NP registers the batch, then the connection drops before the answer: every order is 「登録されたか不明」.
    await t.admin.faults({ script: ['drop'], ops: ['register'] });
    const summary = await testEngine(s, t.sb, { clock: { now: () => NOW } }).run();
    expect(summary.ambiguous).toBe(8);
    expect(ids.every((id) => isAmbiguousRegister(s.np, id))).toBe(true);

    const atNp = await t.admin.transactions();
    expect(atNp).toHaveLength(8);
    const csv = [
      'NP取引ID,加盟店取引ID,購入者氏名,請求金額',
      ...atNp.slice(0, 6).map((x) => `${x.np_transaction_id},${x.shop_transaction_id},山田 太郎,${x.billed_amount}`),
      '26113099999,NO-SUCH-ORDER,誰か,1000',
      `${atNp[0]!.np_transaction_id},${atNp[6]!.shop_transaction_id},重複,1000`, // an id already used by another line
    ].join('\r\n');
    const bytes = new TextEncoder().encode(csv);

    const preview = attachNpIdsFromCsv(s, bytes, false);
    expect(preview.applied).toBe(false);
    expect(preview.counts).toEqual({ attach: 6, same: 0, not_found: 1, refused: 1 });
    expect(preview.lines.find((l) => l.outcome === 'refused')?.message).toMatch(/すでに別の受注/);
    expect(preview.lines.find((l) => l.outcome === 'not_found')?.message).toContain('NO-SUCH-ORDER');
    expect(ids.every((id) => isAmbiguousRegister(s.np, id))).toBe(true); // nothing written

    const applied = attachNpIdsFromCsv(s, bytes, true);
    expect(applied.counts.attach).toBe(6);
    expect(ids.filter((id) => isAmbiguousRegister(s.np, id))).toHaveLength(2);
    const again = attachNpIdsFromCsv(s, bytes, true);
    expect(again.counts).toMatchObject({ attach: 0, same: 6 });

    // The next sync reads their credit results; NP still has exactly one transaction per order.
    await testEngine(s, t.sb, { clock: { now: () => NOW } }).run();
    for (const x of atNp.slice(0, 6)) {
      const order = s.orders.getByOrderNo(x.shop_transaction_id)!;
      expect(s.np.store.getTx(order.id)?.np_transaction_id).toBe(x.np_transaction_id);
      expect(s.np.store.getTx(order.id)?.authori_result).not.toBeNull();
    }
    expect((await t.admin.transactions()).every((x) => x.ops.register === 1)).toBe(true);
  });

  it('re-registers only the ambiguous orders staff confirmed are not at NP, each exactly once', async () => {
    const ids = add(101, 5);
    const mine = async () => {
      const nos = new Set(ids.map((id) => s.orders.get(id)!.orderNo));
      return (await t.admin.transactions()).filter((x) => nos.has(x.shop_transaction_id));
    };
    // A timeout: the register never reached NP's processing, but the app cannot know that.
    await t.admin.faults({ script: ['timeout'], ops: ['register'] });
    const run = await testEngine(s, t.sb, { clock: { now: () => NOW }, getClient: () => testClient(t.sb, { timeoutMs: 300 }) }).run();
    expect(run.ambiguous).toBeGreaterThanOrEqual(5);
    expect(await mine()).toHaveLength(0);
    const other = s.orders.insert(npOrder(200), NOW).id; // never registered: not ambiguous

    const results = reregisterAmbiguous(s, [...ids, other]);
    expect(results.filter((r) => r.ok).map((r) => r.orderId)).toEqual(ids);
    expect(results.find((r) => r.orderId === other)?.message).toMatch(/登録されたか不明」の受注ではない/);
    expect(ids.some((id) => isAmbiguousRegister(s.np, id))).toBe(false);
    expect(s.np.store.openAction(ids[0]!)).toMatchObject({ action: 'register', state: 'pending' });

    await t.admin.faults({ script: [] });
    const after = await testEngine(s, t.sb, { clock: { now: () => NOW } }).run();
    expect(after.sent).toBe(5);
    const txns = await mine();
    expect(txns).toHaveLength(5);
    expect(txns.every((x) => x.ops.register === 1)).toBe(true);
    // A second click does nothing more.
    expect(reregisterAmbiguous(s, ids).every((r) => !r.ok)).toBe(true);
  });
});
