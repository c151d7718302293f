/**
 * The core tells the updater whether a sync or an import runs (it never restarts then): a real core, a real
 * SQLite file, the embedded sandbox slowed down so the sync is observably running.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';

describe('core activity', () => {
  let core: AppCore;
  beforeAll(async () => {
    core = await createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'activity-')),
      secrets: createMemorySecretStore(),
      transport: 'ipc',
      demoOrders: 5,
      log: silentLogger,
      ports: { exportTarget: async () => null },
    });
  });
  afterAll(() => core.close());

  it('is idle, in demo mode, at rest', () => {
    expect(core.activity()).toEqual({ syncing: false, importing: false });
    expect(core.isDemo()).toBe(true);
  });

  it('reports a running sync until it ends', async () => {
    const admin = core.sandbox()!.url.replace(/\/v1$/u, '/__sandbox');
    await fetch(`${admin}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 150 }) });
    const run = core.dispatch('startSync', undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(core.activity().syncing).toBe(true);
    await run;
    expect(core.activity()).toEqual({ syncing: false, importing: false });
  });

  it('reports an import while it is written, and not a preview', async () => {
    const csv = Buffer.from('注文番号,受注日,お名前,電話番号\r\nACT-1,2026/11/01,山田 太郎,090-1234-5678\r\n', 'utf8').toString('base64');
    const file = { fileName: 'orders.csv', dataBase64: csv };
    const staging = core.dispatch('csvImportStage', { file });
    expect(core.activity().importing).toBe(false);
    const staged = await staging;
    if (!staged.ok) throw new Error(staged.error.message);
    const stageId = (staged.value as { stageId: string }).stageId;
    const commit = core.dispatch('csvImportCommit', { stageId, mapping: {} });
    expect(core.activity().importing).toBe(true);
    await commit;
    expect(core.activity().importing).toBe(false);
  });
});
