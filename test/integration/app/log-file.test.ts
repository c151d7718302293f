/**
 * The log file support staff get: electron-log (the same configuration as the installed app, through
 * electron-log's Node entry) behind the core's Logger. A real core talks to a real sandbox holding a merchant
 * with a known SP code — saving credentials, a refused SP code, syncs, NP failing — and the test scans the file
 * written on disk for the SP code, its Basic token and other secrets. Rotation keeps the previous file.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { configureFileLog, createFileLogger, logFilePath } from '../../../electron/logging/file-log';
import { startSandbox, type RunningSandbox } from '../../../electron/sandbox';

const SECRET = 'LOGFILE-SECRET-SP-5521';
const SMTP_PASSWORD = 'smtp-pass-LOG-0098';
const MERCHANT = { merchantCode: 'akt7770001', spCode: SECRET, terminalId: '7770000001' };
const basicToken = Buffer.from(`${MERCHANT.merchantCode}:${SECRET}`).toString('base64');

describe('the log file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-file-'));
  const file = join(dir, 'logs', 'main.log');
  const fileLog = log.create({ logId: `log-file-test-${process.pid}` });
  configureFileLog(fileLog, { console: false, file });
  const logger = createFileLogger(fileLog);
  let sandbox: RunningSandbox;
  let core: AppCore;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, merchants: [MERCHANT] });
    core = await createAppCore({
      dataDir: join(dir, 'data'),
      secrets: createMemorySecretStore(),
      transport: 'ipc',
      demoOrders: 30,
      log: logger,
      npBaseUrls: { test: sandbox.url },
      ports: { exportTarget: async () => null },
    });
  });
  afterAll(async () => {
    await core.close();
    await sandbox.stop();
  });

  it('is written where configured and never carries the SP code or other secrets', async () => {
    expect(logFilePath(fileLog)).toBe(file);
    await core.dispatch('setCredentials', { environment: 'test', ...MERCHANT, spCode: `${SECRET}-wrong` });
    await core.dispatch('setCredentials', { environment: 'test', ...MERCHANT });
    await core.dispatch('setSettings', { environment: 'test' });
    await core.dispatch('startSync', undefined);
    // NP failing mid-sync: the client and the sync engine log what went wrong.
    await fetch(`${sandbox.url.replace(/\/v1$/u, '')}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ script: ['500', '500', '500', '500', '500', '500'] }) });
    await core.dispatch('startSync', undefined);
    await core.dispatch('testConnection', { environment: 'test' });

    // Careless callers: the logger still masks what looks like a secret.
    logger.error('NP request failed', { headers: { Authorization: `Basic ${basicToken}` }, body: { spCode: SECRET } });
    logger.warn(`retrying with sp_code=${SECRET}`);
    logger.error('SMTP login refused', new Error(`Invalid login: password "${SMTP_PASSWORD}"`));
    fileLog.error(new Error(`uncaught: smtpPassword=${SMTP_PASSWORD}`)); // what electron-log's error handler writes

    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\[info\]/u);
    expect(text).toContain('NP request failed'); // the scan reads the real file
    expect(text).toContain('SMTP login refused');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(basicToken);
    expect(text).not.toContain(SMTP_PASSWORD);
  });

  it('rotates: a full file moves to main.old.log and a new one starts', () => {
    fileLog.transports.file.maxSize = 4096;
    for (let i = 0; i < 80; i++) logger.info(`filler line ${i} ${'・'.repeat(40)}`);
    expect(existsSync(join(dir, 'logs', 'main.old.log'))).toBe(true);
    expect(readFileSync(file, 'utf8').length).toBeLessThan(4096 * 2);
    fileLog.transports.file.maxSize = 5 * 1024 * 1024;
  });
});
