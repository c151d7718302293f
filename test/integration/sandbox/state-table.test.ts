/**
 * np-api.md §11's transition table, cell by cell, over HTTP: each state is built through the API (and the admin
 * prefix for "paid"), then each operation is applied to a fresh transaction in that state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../electron/sandbox';
import { admin, buyer, call, fixedClock, registerOne, sandbox } from './helpers';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await sandbox({ clock: fixedClock('2026-04-01T01:00:00Z') });
});
afterAll(() => sb.stop());

const ship = (id: string) => ({ np_transaction_id: id, pd_company_code: '59010', slip_no: '1234-5678-9012' });

type State = 'ok' | 'hold' | 'ng' | 'review' | 'shipped' | 'paid' | 'cancelled' | 'unknown';

async function make(state: State): Promise<string> {
  switch (state) {
    case 'ok':
      return registerOne(sb);
    case 'hold':
      return registerOne(sb, { customer: buyer({ address: '東京都港区赤坂1-2-3' }) });
    case 'ng':
      return registerOne(sb, { customer: buyer({ customer_name: 'NGテスト 太郎' }) });
    case 'review':
      return registerOne(sb, { customer: buyer({ customer_name: '審査テスト 太郎' }) });
    case 'shipped': {
      const id = await registerOne(sb);
      expect((await call.shipments(sb, [ship(id)])).status).toBe(200);
      return id;
    }
    case 'paid': {
      const id = await make('shipped');
      expect((await admin(sb, 'POST', `/transactions/${id}/pay`)).status).toBe(200);
      return id;
    }
    case 'cancelled': {
      const id = await registerOne(sb);
      expect((await call.cancel(sb, [id])).status).toBe(200);
      return id;
    }
    case 'unknown':
      return '26040199999';
  }
}

const updateBody = (id: string) => ({ np_transaction_id: id, billed_amount: 4000, goods: [{ goods_name: '変更後の商品', goods_price: 4000, quantity: 1 }] });

/** What each operation answers per state: 'ok' = 200 with a result, otherwise the single error code. */
const TABLE: Record<State, { update: string; cancel: string; shipments: string; payments: string }> = {
  ok: { update: 'ok', cancel: 'ok', shipments: 'ok', payments: '10' },
  hold: { update: 'ok', cancel: 'ok', shipments: 'E0100120', payments: '10' },
  ng: { update: 'ok', cancel: 'ok', shipments: 'E0100120', payments: '10' },
  review: { update: 'ok', cancel: 'ok', shipments: 'E0100120', payments: '10' },
  shipped: { update: 'E0100115', cancel: 'ok', shipments: 'E0100115', payments: '10' },
  paid: { update: 'E0100115', cancel: 'E0100118', shipments: 'E0100115', payments: '20' },
  cancelled: { update: 'E0100114', cancel: 'E0100114', shipments: 'E0100114', payments: 'E0100114' },
  unknown: { update: 'E0100113', cancel: 'E0100113', shipments: 'E0100113', payments: 'E0100113' },
};

function expectOutcome(r: { status: number; body: { results?: Record<string, unknown>[]; errors?: { codes: string[]; id?: string }[] } }, id: string, want: string) {
  if (want.startsWith('E')) {
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ codes: [want], id }]);
    expect(r.body.results).toBeUndefined();
  } else {
    expect(r.status).toBe(200);
    expect(r.body.results?.[0]?.np_transaction_id).toBe(id);
  }
}

describe('state table (np-api.md §11)', () => {
  for (const [state, row] of Object.entries(TABLE) as [State, (typeof TABLE)[State]][]) {
    it(`${state}: update → ${row.update}, cancel → ${row.cancel}, shipments → ${row.shipments}, payments/find → ${row.payments}`, async () => {
      const u = await make(state);
      expectOutcome(await call.update(sb, [updateBody(u)]), u, row.update);

      const c = await make(state);
      expectOutcome(await call.cancel(sb, [c]), c, row.cancel);

      const s = await make(state);
      expectOutcome(await call.shipments(sb, [ship(s)]), s, row.shipments);

      const p = await make(state);
      const pr = await call.payments(sb, [p]);
      if (row.payments.startsWith('E')) expectOutcome(pr, p, row.payments);
      else expect(pr.body.results?.[0]?.payment_status).toBe(row.payments);
    });
  }

  it('a cancelled transaction stays cancelled for every later operation; the admin row counts each applied op', async () => {
    const id = await make('shipped');
    await call.cancel(sb, [id]);
    const rows = (await admin<{ np_transaction_id: string; state: string; ops: Record<string, number> }[]>(sb, 'GET', '/transactions')).body;
    const row = rows.find((r) => r.np_transaction_id === id);
    expect(row).toMatchObject({ state: 'cancelled', ops: { register: 1, shipments: 1, cancel: 1, update: 0 } });
    // refused operations are not counted
    await call.cancel(sb, [id]);
    const again = (await admin<{ np_transaction_id: string; ops: Record<string, number> }[]>(sb, 'GET', '/transactions')).body.find((r) => r.np_transaction_id === id);
    expect(again?.ops.cancel).toBe(1);
  });
});
