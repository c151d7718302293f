/** 設定 → バックアップ: lists the core's backups, restores one only after staff confirm, writes one on demand. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { BackupListing } from '../../shared/backup';
import BackupPanel from '../../renderer/src/features/settings/BackupPanel.vue';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

const listing: BackupListing = {
  folder: '/data/backups',
  backups: [
    { name: 'atobarai-20261130-120100000-daily.sqlite', at: Date.UTC(2026, 10, 30, 3, 1), size: 204_800, reason: 'daily' },
    { name: 'atobarai-20261129-090000000-migration.sqlite', at: Date.UTC(2026, 10, 29, 0, 0), size: 102_400, reason: 'migration' },
  ],
};

const button = (text: string): HTMLButtonElement =>
  [...document.body.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)!;

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('BackupPanel', () => {
  it('lists the backups with their kind and restores one only after the warning is confirmed', async () => {
    const t = useMemoryTransport({
      backupList: () => listing,
      backupRestore: ({ name }) => ({ restored: name, safety: 'atobarai-20261130-130000000-restore.sqlite', orders: 1234 }),
    });
    mountApp(BackupPanel);
    await settle();
    const text = document.body.querySelector('[data-test="backups"]')!.textContent!;
    expect(text).toContain('/data/backups');
    expect(text).toContain('起動時（1日1回）');
    expect(text).toContain('更新前');
    expect(text).toContain('200 KB');

    document.body.querySelector<HTMLButtonElement>('[data-test="restore-atobarai-20261129-090000000-migration.sqlite"]')!.click();
    await settle(10);
    expect(document.body.querySelector('.el-message-box')?.textContent).toContain('復元前');
    button('戻る').click();
    await settle(10);
    expect(t.calls.some((c) => c.method === 'backupRestore')).toBe(false);

    document.body.querySelector<HTMLButtonElement>('[data-test="restore-atobarai-20261129-090000000-migration.sqlite"]')!.click();
    await settle(10);
    [...document.body.querySelectorAll<HTMLButtonElement>('.el-message-box button')].reverse().find((b) => b.textContent?.includes('このバックアップに戻す'))!.click();
    await settle(10);
    expect(t.calls.find((c) => c.method === 'backupRestore')?.input).toEqual({ name: 'atobarai-20261129-090000000-migration.sqlite' });
    expect(document.body.textContent).toContain('受注 1,234 件');
  });

  it('writes a backup on demand', async () => {
    const t = useMemoryTransport({
      backupList: () => ({ folder: '/data/backups', backups: [] }),
      backupWrite: () => ({ path: '/home/shop/atobarai-20261130-140000000-manual.sqlite', download: null, fileName: 'atobarai-20261130-140000000-manual.sqlite' }),
    });
    mountApp(BackupPanel);
    await settle();
    expect(document.body.textContent).toContain('バックアップはまだありません');
    document.body.querySelector<HTMLButtonElement>('[data-test="backup-write"]')!.click();
    await settle(10);
    expect(t.calls.some((c) => c.method === 'backupWrite')).toBe(true);
    expect(document.body.textContent).toContain('/home/shop/atobarai-20261130-140000000-manual.sqlite');
  });
});
