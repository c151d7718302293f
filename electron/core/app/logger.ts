/**
 * The app's log: English lines with a time stamp. Nothing logged carries NP credentials: the NP client
 * never exposes them, and redact() masks anything that looks like an Authorization header.
 */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

const AUTH = /(authorization["']?\s*[:=]\s*["']?basic\s+)[A-Za-z0-9+/=]+/giu;

export function redact(text: string): string {
  return text.replace(AUTH, '$1[redacted]');
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
  const line = (level: string, message: string, detail?: unknown) => write(redact(`${new Date().toISOString()} ${level} ${message}${format(detail)}`));
  return {
    info: (m, d) => line('INFO ', m, d),
    warn: (m, d) => line('WARN ', m, d),
    error: (m, d) => line('ERROR', m, d),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
