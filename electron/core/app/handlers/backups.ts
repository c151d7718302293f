/** 設定 → バックアップ: list the backups, restore one, write one to a chosen place (docs/data.md). */
import { join } from 'node:path';
import { ApiError } from '../../../../shared/api-result';
import type { Handlers } from '../../../../shared/contract';
import { MIGRATIONS, storageErrorOf } from '../../db';
import { backupFileName, backupFolder, backupInto, backupPath, backupProblem, installBackup, listBackups, writeBackup } from '../../db/backup';
import type { CoreContext } from '../context';

type BackupHandlers = Pick<Handlers, 'backupList' | 'backupRestore' | 'backupWrite'>;

export function backupHandlers(ctx: CoreContext): BackupHandlers {
  return {
    backupList: () => ({ folder: backupFolder(ctx.dbFile), backups: listBackups(ctx.dbFile) }),

    async backupRestore({ name }) {
      const file = backupPath(ctx.dbFile, name);
      if (!file) throw new ApiError({ code: 'not_found', message: `バックアップ「${name}」が見つかりません（${backupFolder(ctx.dbFile)}）。` });
      const problem = backupProblem(file, MIGRATIONS.length, ctx.nativeBinding);
      if (problem) throw new ApiError({ code: 'refused', message: `バックアップ「${name}」は復元できません: ${problem}。現在のデータはそのままです。` });
      // The data as it is now comes first: restoring it undoes the restore.
      const safety = await backupInto(ctx.session().db, ctx.dbFile, 'restore', ctx.clock.now(), ctx.nativeBinding);
      const safetyFile = join(backupFolder(ctx.dbFile), safety.name);
      try {
        await ctx.reopenStore(() => installBackup(ctx.dbFile, file));
      } catch (e) {
        await ctx.reopenStore(() => installBackup(ctx.dbFile, safetyFile));
        throw e;
      }
      return { restored: name, safety: safety.name, orders: ctx.session().orders.count() };
    },

    async backupWrite() {
      const fileName = backupFileName('manual', ctx.clock.now());
      const target = await (ctx.ports.backupTarget ?? ctx.ports.exportTarget)(fileName);
      if (!target) return null;
      await writeBackup(ctx.session().db, target.path, ctx.nativeBinding).catch((e: unknown) => {
        throw storageErrorOf(e, target.path) ?? e;
      });
      return { path: target.path, download: target.download, fileName };
    },
  };
}
