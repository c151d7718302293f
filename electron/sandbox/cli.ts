/**
 * npm run sandbox -- [--port <p>] [--host 127.0.0.1] [--merchant-code C --terminal-id T] [--data <file>]
 *                    [--rules demo|default]      (SP code: ATOBARAI_SP_CODE or --sp-code-file; --sp-code warns)
 * Starts the NP sandbox (docs/sandbox.md) on loopback and prints its base URL and the merchant's codes
 * (a given SP code is never printed).
 */
import { parseArgs } from 'node:util';
import { readSpCode, SP_CODE_ENV } from '../cli/secrets';
import { DEFAULT_SANDBOX_PORT, DEMO_MERCHANT, DEMO_RULES, startSandbox, type SandboxMerchant } from './index';
import { messageOf } from '../../shared/error-message';

const USAGE = `usage: npm run sandbox -- [--port ${DEFAULT_SANDBOX_PORT}] [--host 127.0.0.1]
       [--merchant-code C --terminal-id T] [--data <file.json>] [--rules demo|default]
       SP code: ${SP_CODE_ENV}=… or --sp-code-file <0600 file> (--sp-code S works, with a warning)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'merchant-code': { type: 'string' },
      'sp-code': { type: 'string' },
      'sp-code-file': { type: 'string' },
      'terminal-id': { type: 'string' },
      data: { type: 'string' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? DEFAULT_SANDBOX_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${values.port}`);
  const spCode = readSpCode({ flag: values['sp-code'], file: values['sp-code-file'], env: process.env, warn: (m) => console.warn(m) });
  const given = [values['merchant-code'], spCode, values['terminal-id']];
  if (given.some((v) => v !== undefined) && !given.every((v) => v)) {
    throw new Error(`give all three of --merchant-code, the SP code (${SP_CODE_ENV} or --sp-code-file) and --terminal-id, or none (demo credentials)`);
  }
  const merchant: SandboxMerchant = given.every((v) => v)
    ? { merchantCode: given[0] as string, spCode: given[1] as string, terminalId: given[2] as string }
    : DEMO_MERCHANT;
  const preset = values.rules ?? 'demo';
  if (preset !== 'demo' && preset !== 'default') throw new Error('--rules must be demo or default');

  // startSandbox refuses a non-loopback --host: the admin prefix has no authentication.
  const sb = await startSandbox({
    port,
    host: values.host,
    merchants: [merchant],
    rules: preset === 'demo' ? DEMO_RULES : {},
    dataFile: values.data,
  });
  console.log(`NP sandbox listening
  base URL      ${sb.url}
  admin         ${sb.adminUrl}
  credentials   ${merchant === DEMO_MERCHANT ? 'demo (docs/sandbox.md)' : 'from the command line'}
  merchant code ${merchant.merchantCode}
  SP code       ${merchant === DEMO_MERCHANT ? merchant.spCode : '(as given; not shown)'}
  terminal id   ${merchant.terminalId}
  rules         ${preset}${values.data ? `\n  data file     ${values.data}` : ''}
Press Ctrl+C to stop.`);
  const shutdown = () => {
    void sb.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`sandbox: ${messageOf(err)}`);
  console.error(USAGE);
  process.exit(1);
});
