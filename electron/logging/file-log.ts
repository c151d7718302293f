/**
 * Log files for support, written by electron-log (made for Electron: the platform's logs folder, rotation)
 * behind the core's Logger interface. Plain Node: electron/main passes `electron-log/main`, tests pass
 * `electron-log/node` writing to a temporary file — the same configuration either way.
 *
 *   Windows  %APPDATA%\Atobarai Desk\logs\main.log    macOS  ~/Library/Logs/Atobarai Desk/main.log
 *   Linux    ~/.config/Atobarai Desk/logs/main.log      (main.old.log: the previous 5 MB)
 */
import type { LogMessage, NodeLogger } from 'electron-log';
import { formatLine, redact, type Logger } from '../core/app/logger';

/** Each log file grows to this size, then moves to main.old.log (electron-log's rotation) and starts again. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export interface FileLogOptions {
  /** Also print to the console (development). */
  console: boolean;
  /** Write here instead of the platform's logs folder (tests). */
  file?: string;
}

/** Redacts every string that reaches any transport, including what electron-log itself catches (uncaught errors). */
function redactHook(message: LogMessage): LogMessage {
  return { ...message, data: message.data.map((d: unknown) => (typeof d === 'string' ? redact(d) : d instanceof Error ? redact(d.stack ?? d.message) : d)) };
}

export function configureFileLog(log: NodeLogger, opts: FileLogOptions): void {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}{z}] [{level}] {text}';
  if (opts.file) {
    const file = opts.file;
    log.transports.file.resolvePathFn = () => file;
  }
  log.transports.console.level = opts.console ? 'info' : false;
  log.hooks.push(redactHook);
}

/** The core's Logger writing through electron-log: one redacted line per call (message, then the detail). */
export function createFileLogger(log: NodeLogger): Logger {
  return {
    info: (m, d) => log.info(formatLine(m, d)),
    warn: (m, d) => log.warn(formatLine(m, d)),
    error: (m, d) => log.error(formatLine(m, d)),
  };
}

/** The current log file (for 「ログフォルダを開く」 and support). */
export function logFilePath(log: NodeLogger): string {
  return log.transports.file.getFile().path;
}
