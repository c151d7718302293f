import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api-result';
import type { OrderDetail, ZipLookupResult } from '../../../shared/contract';
import type { OrderInput } from '../../../shared/order';
import { sampleOrder } from '../store/helpers';
import { createCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';

const ports = { exportTarget: async (name: string) => ({ path: join(mkdtempSync(join(tmpdir(), 'exp-')), name), download: name }) };

function order(orderNo: string, zip: string, address: string): OrderInput {
  const base = sampleOrder({ orderNo, carrierCode: null });
  return { ...base, customer: { ...base.customer, zip, address } };
}

describe('zip data through the core (lookupZip, the check before 取引登録)', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'core-zip-')), secrets: createMemorySecretStore(), ports, transport: 'http', demoOrders: 3, log: silentLogger });
  });
  afterAll(() => core.close());

  it('answers 〒 → 住所 from Japan Post data, and [] for unknown codes', async () => {
    const hit = (await core.dispatch('lookupZip', { zip: '〒685-0015' })) as ApiResult<ZipLookupResult>;
    expect(hit).toEqual({ ok: true, value: { zip: '6850015', entries: [{ prefecture: '島根県', city: '隠岐郡隠岐の島町', town: '港町' }] } });
    const none = (await core.dispatch('lookupZip', { zip: '12' })) as ApiResult<ZipLookupResult>;
    expect(none).toEqual({ ok: true, value: { zip: null, entries: [] } });
    const bad = await core.dispatch('lookupZip', { zip: 1070052 });
    expect(bad.ok).toBe(false);
  });

  it('queues 取引登録 for a real 隠岐 address the old table refused', async () => {
    const res = (await core.dispatch('createOrder', { order: order('Z-1', '6850015', '島根県隠岐郡隠岐の島町港町1-2'), registerWithNp: true })) as ApiResult<OrderDetail>;
    expect(res.ok && res.value.np?.status).toBe('registering');
  });

  it('refuses 取引登録 when the city disagrees with the zip, naming the part, and saves nothing', async () => {
    const res = await core.dispatch('createOrder', { order: order('Z-2', '1070052', '東京都新宿区赤坂1-2-3'), registerWithNp: true });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.message).toContain('E0100059');
    expect(res.error.message).toContain('購入者の住所の市区町村が郵便番号〒107-0052（東京都港区）と一致しません');
    const wrongPref = await core.dispatch('createOrder', { order: order('Z-3', '1070052', '大阪府港区赤坂1-2-3'), registerWithNp: true });
    expect(!wrongPref.ok && wrongPref.error.message).toContain('購入者の住所の都道府県「大阪府」が郵便番号〒107-0052（東京都）と一致しません');
    const listed = (await core.dispatch('searchOrders', { limit: 50 })) as ApiResult<{ rows: { orderNo: string }[] }>;
    expect(listed.ok && listed.value.rows.map((r) => r.orderNo)).not.toContain('Z-2');
  });
});
