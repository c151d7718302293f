/**
 * Everything bound to one open database: settings, the order repository, the NP service (outbox + NP state),
 * the sync engine and the staged CSV import (its worker). Demo reset closes a session and opens a fresh one on
 * a new file.
 */
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db';
import { newOwnerToken, releaseOwnerToken } from '../db/owner';
import { createOrderRepository, type OrderRepository } from '../orders';
import { createNpService, type NpService } from '../np/np-service';
import { createSyncEngine, type SyncEngine } from '../np/sync-engine';
import { createNpClock } from '../np/server-clock';
import type { NpClient } from '../np/client';
import type { Clock } from '../np/store';
import type { SyncProgress, SyncSummary } from '../../../shared/sync';
import { createSettingsStore, type SettingsStore } from './settings';
import { startNpEventCompactor } from '../np/compaction';
import { startStatisticsKeeper } from '../db/statistics';
import { sealCleanClose } from '../db/clean-close';
import { createImportStager, type ImportStager } from '../csv/import-stager';
import type { Logger } from './logger';

export interface Session {
  db: Database;
  orders: OrderRepository;
  np: NpService;
  sync: SyncEngine;
  settings: SettingsStore;
  /** The staged CSV import (its worker has its own connection on the same file). */
  csvImport: ImportStager;
  /**
   * After a bulk write (a CSV import): planner statistics made stale are refreshed in the background on this
   * connection, one index per step (db/statistics.ts); resolves with the steps taken.
   */
  refreshStatistics(): Promise<number>;
  /** Stops the timer, waits for a running sync (at most closeWaitMs), closes the database. */
  close(): Promise<void>;
}

export interface SessionOptions {
  file: string;
  /** Reading only (a full disk): see openDatabase. */
  readonly?: boolean;
  nativeBinding?: string;
  clock: Clock;
  log: Logger;
  getClient: () => NpClient | null;
  onProgress: (progress: SyncProgress) => void;
  onChanged: (orderIds: number[]) => void;
  onFinished: (summary: SyncSummary) => void;
  /** How long close() waits for a running sync (default CLOSE_WAIT_MS). */
  closeWaitMs?: number;
}

/** Quitting waits this long at most for a sync in flight. */
export const CLOSE_WAIT_MS = 2000;

export function openSession(opts: SessionOptions): Session {
  const db = openDatabase(opts.file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly });
  const settings = createSettingsStore(db);
  const orders = createOrderRepository(db);
  const np = createNpService(db, {
    clock: opts.clock,
    // NP's day for 請求書発行日: the skew the client read from NP's Date header (server-clock.ts).
    npClock: createNpClock(opts.clock, () => opts.getClient()?.serverNow() ?? null),
    mapping: () => ({ siteName: settings.get().siteName || undefined }),
  });
  // The engine's outbox claims live as long as this connection: once it is closed, nothing it sent can be recorded.
  const owner = newOwnerToken();
  const sync = createSyncEngine({
    owner,
    db,
    np,
    getClient: opts.getClient,
    clock: opts.clock,
    log: opts.log,
    onProgress: opts.onProgress,
    onChanged: opts.onChanged,
    // Once per run, whoever started it (launch, button, timer).
    onFinished: opts.onFinished,
  });
  // Bodies of NP events older than the retention period (設定) are cleared in the background.
  const compactor = startNpEventCompactor({ db, retentionMonths: () => settings.get().npHistoryRetentionMonths, now: () => opts.clock.now(), log: opts.log });
  // Planner statistics missing or stale (an upgraded store): analyzed in the background, never while opening.
  const statistics = opts.readonly ? null : startStatisticsKeeper({ db, log: opts.log });
  const csvImport = createImportStager({ file: opts.file, nativeBinding: opts.nativeBinding });
  return {
    db,
    orders,
    np,
    sync,
    settings,
    csvImport,
    refreshStatistics: () => statistics?.runNow() ?? Promise.resolve(0),
    async close() {
      compactor.stop();
      statistics?.stop();
      // A sync waiting on a hanging NP must not hold up quitting: its rows stay `sending` and the next start
      // settles them (a register as 登録されたか不明), exactly as after a crash (docs/sync.md).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = await Promise.race([
        sync.close().then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), opts.closeWaitMs ?? CLOSE_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (!waited) opts.log.warn('closing while a sync is still waiting for NP: it is left to the next start');
      await csvImport.close();
      db.close();
      if (!opts.readonly) sealCleanClose(opts.file); // the next start need not check the file again (db/clean-close.ts)
      releaseOwnerToken(owner);
    },
  };
}
