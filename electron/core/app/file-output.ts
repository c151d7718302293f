/**
 * Files the app writes for staff (CSV exports): written whole or not at all. The bytes go to a hidden partial
 * file (0600) beside the target and are renamed over it when complete; on any failure the partial file is
 * removed, so a full disk or a cut connection never leaves a 0-byte or half CSV behind, and the error says what
 * the disk said, naming the target (StorageError).
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StorageError, storageErrorOf } from '../db';
import { PRIVATE_FILE_MODE } from '../db/permissions';

export async function writeWhole<T>(target: string, write: (out: WriteStream) => Promise<T>): Promise<T> {
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  try {
    const result = await write(createWriteStream(partial, { mode: PRIVATE_FILE_MODE }));
    renameSync(partial, target);
    return result;
  } catch (e) {
    rmSync(partial, { force: true });
    const storage = storageErrorOf(e, target);
    if (!storage) throw e;
    // The partial file's name means nothing to staff: the message names the file they chose.
    throw storage.path === partial ? new StorageError(target, storage.problem, storage.message.replaceAll(partial, target), { cause: e }) : storage;
  }
}
