/**
 * `npm run web`'s NP target: --np-url (https, or http on loopback) with --merchant-code, --terminal-id and the
 * SP code from ATOBARAI_SP_CODE or --sp-code-file (--sp-code still works, with a warning). Kept apart from
 * cli.ts so the flag list there stays a plain parseArgs table.
 */
import type { NpCredentials } from '../../shared/np/api-types';
import { CliOptionError, parseNpUrl, readSpCode, SP_CODE_ENV } from '../cli/secrets';

export interface NpTargetFlags {
  'np-url'?: string;
  'merchant-code'?: string;
  'sp-code'?: string;
  'sp-code-file'?: string;
  'terminal-id'?: string;
}

/** parseArgs options for the flags above (spread into cli.ts's table). */
export const NP_TARGET_OPTIONS = {
  'np-url': { type: 'string' },
  'merchant-code': { type: 'string' },
  'sp-code': { type: 'string' },
  'sp-code-file': { type: 'string' },
  'terminal-id': { type: 'string' },
} as const;

export const NP_TARGET_USAGE = `[--np-url <https or loopback url> --merchant-code C --terminal-id T]
                      (SP code: ${SP_CODE_ENV}=… or --sp-code-file <0600 file>; --sp-code S is discouraged)`;

export function npTargetFromFlags(
  flags: NpTargetFlags,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): { npUrl?: string; credentials?: NpCredentials } {
  const spCode = readSpCode({ flag: flags['sp-code'], file: flags['sp-code-file'], env, warn });
  if (!flags['np-url']) {
    if (flags['merchant-code'] || flags['terminal-id'] || flags['sp-code'] || flags['sp-code-file']) {
      throw new CliOptionError('--merchant-code, --terminal-id and the SP code go with --np-url');
    }
    return {};
  }
  const npUrl = parseNpUrl(flags['np-url']);
  const merchantCode = flags['merchant-code'];
  const terminalId = flags['terminal-id'];
  if (!merchantCode || !terminalId || !spCode) {
    throw new CliOptionError(`--np-url needs --merchant-code, --terminal-id and the SP code (${SP_CODE_ENV} or --sp-code-file)`);
  }
  return { npUrl, credentials: { merchantCode, spCode, terminalId } };
}
