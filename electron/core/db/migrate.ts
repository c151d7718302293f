import type { Database } from 'better-sqlite3';
import { DatabaseFileError } from './errors';
import type { Migration } from './migration';
import { messageOf } from '../../../shared/error-message';

/** Check that migrations are numbered 1..n in order (a programming error otherwise). */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} (${m.name}) has version ${m.version}, expected ${i + 1}`);
  });
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the schema up to the last migration. Each migration runs in its own transaction together with the
 * `user_version` bump, so a failure leaves the database at the previous version. A database whose version is
 * higher than the last migration was written by a newer app: refused, nothing is written.
 * Returns the versions applied.
 */
export function migrate(db: Database, migrations: readonly Migration[], file: string = db.name): number[] {
  assertMigrationOrder(migrations);
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new DatabaseFileError(
      file,
      'newer',
      `データベースファイル「${file}」は新しいバージョンの Atobarai Desk で作成されています（スキーマ ${current}、このアプリは ${latest} まで）。アプリを更新してください。ファイルは変更していません。`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations.slice(current)) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (cause) {
      throw new DatabaseFileError(
        file,
        'migration',
        `データベースファイル「${file}」の更新（${m.version}_${m.name}）に失敗しました。データはバージョン ${m.version - 1} のまま残っています: ${messageOf(cause)}`,
        { cause },
      );
    }
    applied.push(m.version);
  }
  return applied;
}
