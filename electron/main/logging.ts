/**
 * The installed app's log: electron-log's main-process logger writing main.log in the platform's logs folder
 * (rotated at 5 MB), behind the core's Logger (electron/logging/file-log.ts). Uncaught errors are logged too,
 * without electron-log's own dialog.
 */
import { dirname } from 'node:path';
import log from 'electron-log/main';
import { shell } from 'electron';
import type { Logger } from '../core/app/logger';
import { configureFileLog, createFileLogger, logFilePath } from '../logging/file-log';

export function setupLogging(isDevelopment: boolean): Logger {
  configureFileLog(log, { console: isDevelopment });
  log.errorHandler.startCatching({ showDialog: false });
  return createFileLogger(log);
}

/** The folder of the current log file. */
export function logFolder(): string {
  return dirname(logFilePath(log));
}

/** 「ログフォルダを開く」: the folder in Explorer / Finder / the file manager. */
export async function openLogFolder(): Promise<void> {
  const error = await shell.openPath(logFolder());
  if (error) log.warn(`could not open the log folder: ${error}`);
}
