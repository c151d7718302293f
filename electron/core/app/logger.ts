/**
 * The app's log: English lines with a time stamp. Nothing logged carries NP credentials: the NP client
 * never exposes them, and redact() masks anything that looks like an Authorization header or a secret field.
 * The console logger serves Node (npm run web, tests); the installed app writes files through electron-log
 * behind the same interface (electron/logging/file-log.ts).
 */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

const AUTH = /(authorization["']?\s*[:=]\s*["']?basic\s+)[A-Za-z0-9+/=]+/giu;
/** A secret-named field in JSON or key=value text: spCode, sp_code, password, smtpPassword … */
const SECRET_FIELD = /((?:sp[_-]?code|password|passwd|secret)["']?(?:\s*[:=]\s*|\s+)["']?)[^"',}\s]+/giu;

export function redact(text: string): string {
  return text.replace(AUTH, '$1[redacted]').replace(SECRET_FIELD, '$1[redacted]');
}

/** One log line's text after the level: the message, then the detail (an error's stack, or JSON), redacted. */
export function formatLine(message: string, detail?: unknown): string {
  return redact(`${message}${format(detail)}`);
}

function format(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.stack ?? detail.message}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

export function createConsoleLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const line = (level: string, message: string, detail?: unknown) => write(`${new Date().toISOString()} ${level} ${formatLine(message, detail)}`);
  return {
    info: (m, d) => line('INFO ', m, d),
    warn: (m, d) => line('WARN ', m, d),
    error: (m, d) => line('ERROR', m, d),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
