/**
 * Expected failures of the core, turned into the contract's typed errors (Japanese messages for staff).
 * Anything not recognised here is a bug: the dispatch table logs it and answers 'internal'.
 */
import { ApiError, type ApiErrorBody } from '../../../shared/api-result';
import { ValidationError } from '../../../shared/validation';
import { DatabaseFileError, storageErrorOf } from '../db';
import { NpActionError } from '../np/errors';
import { SecretStoreError } from '../credentials/secret-store';
import { NpConnectionError } from './np-connection';

export function mapCoreError(err: unknown, dbFile = 'データベース', readOnly: string | null = null): ApiErrorBody | null {
  if (err instanceof ValidationError) {
    return { code: 'validation', message: err.message, fields: err.issues.map((i) => ({ path: i.path, message: i.message })) };
  }
  if (err instanceof NpActionError) {
    return { code: err.code, message: err.message };
  }
  if (err instanceof SecretStoreError || err instanceof NpConnectionError) {
    return { code: 'credentials', message: err.message };
  }
  if (err instanceof DatabaseFileError) {
    return { code: 'storage', message: err.message };
  }
  // Disk full, read-only, no permission …: said as what it is, naming the file (docs/data.md).
  const storage = storageErrorOf(err, dbFile);
  // A store opened read-only on purpose (a full disk): every write says why.
  if (storage?.problem === 'readonly' && readOnly && storage.path === dbFile) return { code: 'storage', message: readOnly };
  if (storage) return { code: 'storage', message: storage.message };
  if ((err as { code?: unknown } | null)?.code === 'SQLITE_BUSY') {
    return { code: 'conflict', message: 'ほかの書き込み（CSV取込など）が終わっていないため、保存できませんでした。終わってから、もう一度操作してください。' };
  }
  return null;
}

/** The Japanese message of an expected failure, or a generic one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return mapCoreError(err)?.message ?? '処理できませんでした。';
}
