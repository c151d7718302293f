/**
 * npm run web -- --port <p> --data-dir <dir> [--demo] [--restore-backup <name>|latest] [--np-url <url> --merchant-code C --sp-code S --terminal-id T]
 * Prints one line `Atobarai Desk: http://127.0.0.1:<p>/?token=<token>` that opens the app.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleLogger } from '../core/app/logger';
import { assertLoopbackHost } from './host';
import { startWebApp } from './app';

const USAGE = `usage: npm run web -- [--port <p>] [--data-dir <dir>] [--demo [--demo-orders N]] [--restore-backup <name>|latest]
                      [--np-url <url> --merchant-code C --sp-code S --terminal-id T]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: '.data/web' },
      demo: { type: 'boolean', default: false },
      'demo-orders': { type: 'string' },
      'np-url': { type: 'string' },
      'merchant-code': { type: 'string' },
      'sp-code': { type: 'string' },
      'terminal-id': { type: 'string' },
      'restore-backup': { type: 'string' },
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
  const codes = [values['merchant-code'], values['sp-code'], values['terminal-id']];
  if (values['np-url'] && codes.some((c) => !c)) throw new Error('--np-url needs --merchant-code, --sp-code and --terminal-id');
  const log = createConsoleLogger();
  const app = await startWebApp({
    dataDir: resolve(values['data-dir']),
    port,
    demo: values.demo,
    demoOrders: values['demo-orders'] ? Number(values['demo-orders']) : undefined,
    npUrl: values['np-url'],
    credentials: values['np-url'] ? { merchantCode: codes[0]!, spCode: codes[1]!, terminalId: codes[2]! } : undefined,
    log,
    restoreBackup: values['restore-backup'],
  });
  console.log(`Atobarai Desk: ${app.url}`);
  const shutdown = () => void app.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(`atobarai web: ${e instanceof Error ? e.message : String(e)}`);
  const backup = (e as { newestBackup?: { name: string } | null }).newestBackup;
  if (backup) console.error(`to restore it: npm run web -- --restore-backup ${backup.name} (or --restore-backup latest)`);
  process.exit(1);
});
