/**
 * npm run web -- --port <p> --data-dir <dir> [--demo] [--restore-backup <name>|latest] [--np-url <url> --merchant-code C --terminal-id T]
 * (the SP code from ATOBARAI_SP_CODE or --sp-code-file: electron/web/cli-options.ts)
 *   [--smtp-host H --smtp-port P]  (all mail to that SMTP server, no login)
 * Prints one line `Atobarai Desk: http://127.0.0.1:<p>/?token=<token>` that opens the app.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleLogger } from '../core/app/logger';
import { assertLoopbackHost } from './host';
import { startWebApp } from './app';
import { NP_TARGET_OPTIONS, NP_TARGET_USAGE, npTargetFromFlags } from './cli-options';
import { messageOf } from '../../shared/error-message';

const USAGE = `usage: npm run web -- [--port <p>] [--data-dir <dir>] [--demo [--demo-orders N]] [--restore-backup <name>|latest]
                      ${NP_TARGET_USAGE}
                      [--smtp-host H --smtp-port P]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: '.data/web' },
      demo: { type: 'boolean', default: false },
      'demo-orders': { type: 'string' },
      ...NP_TARGET_OPTIONS,
      'restore-backup': { type: 'string' },
      'smtp-host': { type: 'string' },
      'smtp-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  assertLoopbackHost(values.host);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535 (got "${values.port}")`);
  const np = npTargetFromFlags(values, process.env, (m) => console.warn(m));
  const smtpPort = Number(values['smtp-port'] ?? 25);
  if (values['smtp-host'] && (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535)) throw new Error(`--smtp-port must be 1–65535 (got "${values['smtp-port']}")`);
  const log = createConsoleLogger();
  const app = await startWebApp({
    dataDir: resolve(values['data-dir']),
    port,
    demo: values.demo,
    demoOrders: values['demo-orders'] ? Number(values['demo-orders']) : undefined,
    npUrl: np.npUrl,
    credentials: np.credentials,
    smtp: values['smtp-host'] ? { host: values['smtp-host'], port: smtpPort } : undefined,
    log,
    restoreBackup: values['restore-backup'],
  });
  console.log(`Atobarai Desk: ${app.url}`);
  const shutdown = () => void app.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(`atobarai web: ${messageOf(e)}`);
  const backup = (e as { newestBackup?: { name: string } | null }).newestBackup;
  if (backup) console.error(`to restore it: npm run web -- --restore-backup ${backup.name} (or --restore-backup latest)`);
  process.exit(1);
});
