/**
 * Startup never dead-ends on credentials: a credentials file that cannot be read (damaged) or decrypted
 * (another OS user, a reset keychain) opens the core with the problem reported, the local orders usable and
 * no NP connection; saving new credentials in 設定 replaces them (the unreadable bytes are kept aside) and
 * the problem goes. Real SQLite, a real sandbox as NP's test environment, the real file secret store.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, CredentialsStatus } from '../../../shared/contract';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createFileSecretStore, type Cipher } from '../../../electron/core/credentials/secret-store';
import { startSandbox, type RunningSandbox } from '../../../electron/sandbox';

const MERCHANT = { merchantCode: 'akt5550001', spCode: 'STARTUP-SP-9911', terminalId: '5550000001' };

/** A reversible stand-in for safeStorage whose key can change (as when another OS user opens the file). */
const keyedCipher = (key: number): Cipher => ({
  unavailableReason: async () => null,
  encrypt: async (s) => Buffer.concat([Buffer.from([key]), Buffer.from(Buffer.from(s).map((b) => b ^ key))]),
  decrypt: async (b) => {
    if (b[0] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(b.subarray(1).map((x) => x ^ key)).toString();
  },
});

describe('startup with unreadable credentials', () => {
  let sandbox: RunningSandbox;
  const open: AppCore[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, merchants: [MERCHANT] });
  });
  afterAll(async () => {
    for (const c of open) await c.close();
    await sandbox.stop();
  });

  const start = async (dataDir: string, cipher: Cipher): Promise<AppCore> => {
    const core = await createAppCore({
      dataDir,
      secrets: createFileSecretStore(join(dataDir, 'credentials.bin'), cipher),
      transport: 'ipc',
      demoOrders: 0,
      log: silentLogger,
      npBaseUrls: { test: sandbox.url },
      ports: { exportTarget: async () => null },
    });
    open.push(core);
    return core;
  };
  const value = async <T>(core: AppCore, method: string, input?: unknown): Promise<T> => {
    const r = await core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };

  /** A data folder whose settings point at NP's test environment with saved credentials. */
  async function liveDataDir(): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'startup-creds-'));
    const core = await start(dataDir, keyedCipher(0x21));
    await value(core, 'setCredentials', { environment: 'test', ...MERCHANT });
    await value(core, 'setSettings', { environment: 'test' });
    expect((await value<AppInfo>(core, 'appInfo')).credentialsProblem).toBeNull();
    await core.close();
    open.splice(open.indexOf(core), 1);
    return dataDir;
  }

  async function expectOpensAndRecovers(dataDir: string, cipher: Cipher, problem: RegExp): Promise<void> {
    const core = await start(dataDir, cipher); // no throw: the app opens
    const info = await value<AppInfo>(core, 'appInfo');
    expect(info.credentialsProblem).toMatch(problem);
    expect(info.credentialsProblem).toContain('設定画面で接続情報を登録し直してください');
    expect(info.environment).toBe('test'); // the choice is kept; only the connection is missing
    expect((await value<{ total: number }>(core, 'searchOrders', { limit: 5 })).total).toBe(0); // local data works
    const status = await value<CredentialsStatus>(core, 'credentialsStatus');
    expect(status.test.configured).toBe(false);
    const test = await value<{ ok: boolean; message: string }>(core, 'testConnection', { environment: 'test' });
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/設定画面/);

    // 設定: new credentials are saved over the unreadable ones, and the app is connected again.
    const saved = await value<CredentialsStatus>(core, 'setCredentials', { environment: 'test', ...MERCHANT });
    expect(saved.test).toMatchObject({ configured: true, merchantCodeMasked: 'akt*****01' });
    expect((await value<AppInfo>(core, 'appInfo')).credentialsProblem).toBeNull();
    expect(await value<{ ok: boolean }>(core, 'testConnection', { environment: 'test' })).toMatchObject({ ok: true });
    expect(readFileSync(join(dataDir, 'credentials.bin'), 'utf8')).not.toContain(MERCHANT.spCode);
  }

  it('opens when the credentials cannot be decrypted (another user, a reset keychain) and recovers in 設定', async () => {
    const dataDir = await liveDataDir();
    await expectOpensAndRecovers(dataDir, keyedCipher(0x42), /NPテスト環境の接続情報を復号できません/);
  });

  it('opens when the credentials file is damaged, keeps its bytes aside, and recovers in 設定', async () => {
    const dataDir = await liveDataDir();
    writeFileSync(join(dataDir, 'credentials.bin'), '\u0000garbage{');
    await expectOpensAndRecovers(dataDir, keyedCipher(0x21), /接続情報ファイルを読み込めません/);
    expect(readFileSync(join(dataDir, 'credentials.bin.unreadable'), 'utf8')).toBe('\u0000garbage{');
  });

  it('says nothing when no credentials are stored at all (first run, demo)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'startup-creds-'));
    const core = await start(dataDir, keyedCipher(0x21));
    expect((await value<AppInfo>(core, 'appInfo')).credentialsProblem).toBeNull();
    expect(existsSync(join(dataDir, 'credentials.bin'))).toBe(false);
  });
});
