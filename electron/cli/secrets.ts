/**
 * Command-line secrets for `npm run web` and `npm run sandbox`: the SP code comes from an environment
 * variable or a file only its owner can read (0600), so it is not in the process list or shell history.
 * `--sp-code` still works (tests, quick trials) with a warning. `--np-url` must be https, or http on loopback.
 * Plain Node; tested in test/unit/cli-secrets.test.ts and by spawning the sandbox CLI.
 */
import { readFileSync, statSync } from 'node:fs';

export const SP_CODE_ENV = 'ATOBARAI_SP_CODE';

export class CliOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliOptionError';
  }
}

export interface SpCodeSources {
  /** --sp-code (discouraged: visible in `ps` and shell history). */
  flag?: string;
  /** --sp-code-file: a file of mode 0600 (or stricter) holding the code. */
  file?: string;
  /** The process environment (ATOBARAI_SP_CODE). */
  env: NodeJS.ProcessEnv;
  warn(message: string): void;
  platform?: NodeJS.Platform;
}

/** Reads a secret from a file that group and others cannot read (POSIX); the first line, trimmed. */
export function readSecretFile(file: string, platform: NodeJS.Platform = process.platform): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new CliOptionError(`--sp-code-file: cannot read ${file}`);
  }
  if (!st.isFile()) throw new CliOptionError(`--sp-code-file: ${file} is not a file`);
  if (platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new CliOptionError(`--sp-code-file: ${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  }
  const value = readFileSync(file, 'utf8').split(/\r?\n/u)[0]?.trim() ?? '';
  if (value === '') throw new CliOptionError(`--sp-code-file: ${file} is empty`);
  return value;
}

/**
 * The SP code from exactly one source, or undefined when none was given. The environment variable is
 * removed from src.env once read, so child processes do not inherit it.
 */
export function readSpCode(src: SpCodeSources): string | undefined {
  const fromEnv = src.env[SP_CODE_ENV]?.trim() || undefined;
  delete src.env[SP_CODE_ENV];
  const given = [src.flag !== undefined, src.file !== undefined, fromEnv !== undefined].filter(Boolean).length;
  if (given > 1) throw new CliOptionError(`give the SP code one way only: ${SP_CODE_ENV}, --sp-code-file or --sp-code`);
  if (src.file !== undefined) return readSecretFile(src.file, src.platform);
  if (fromEnv !== undefined) return fromEnv;
  if (src.flag !== undefined) {
    src.warn(`warning: --sp-code puts the SP code in the process list and shell history; prefer ${SP_CODE_ENV}=… or --sp-code-file <0600 file>`);
    if (src.flag.trim() === '') throw new CliOptionError('--sp-code is empty');
    return src.flag.trim();
  }
  return undefined;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/u.test(hostname);
}

/** --np-url: https anywhere, http only to this machine; never with credentials in it. */
export function parseNpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliOptionError(`--np-url is not a URL: ${raw}`);
  }
  if (url.username !== '' || url.password !== '') throw new CliOptionError('--np-url must not carry a user name or password');
  if (url.protocol === 'https:') return url.toString().replace(/\/$/u, '');
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.toString().replace(/\/$/u, '');
  throw new CliOptionError(`--np-url must be https, or http on this machine (127.0.0.1, localhost, [::1]); got ${url.protocol}//${url.host}`);
}
