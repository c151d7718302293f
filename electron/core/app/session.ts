/**
 * Everything bound to one open database: settings, the order repository, the NP service (outbox + NP state),
 * the sync engine and the staged CSV import (its worker). Demo reset closes a session and opens a fresh one on
 * a new file.
 */
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db';
import { createOrderRepository, type OrderRepository } from '../orders';
import { createNpService, type NpService } from '../np/np-service';
import { createSyncEngine, type SyncEngine } from '../np/sync-engine';
import type { NpClient } from '../np/client';
import type { Clock } from '../np/store';
import type { SyncProgress, SyncSummary } from '../../../shared/sync';
import { createSettingsStore, type SettingsStore } from './settings';
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
  /** Stops the timer, waits for a running sync, closes the database. */
  close(): Promise<void>;
}

export interface SessionOptions {
  file: string;
  nativeBinding?: string;
  clock: Clock;
  log: Logger;
  getClient: () => NpClient | null;
  onProgress: (progress: SyncProgress) => void;
  onChanged: (orderIds: number[]) => void;
  onFinished: (summary: SyncSummary) => void;
}

export function openSession(opts: SessionOptions): Session {
  const db = openDatabase(opts.file, { nativeBinding: opts.nativeBinding });
  const settings = createSettingsStore(db);
  const orders = createOrderRepository(db);
  const np = createNpService(db, {
    clock: opts.clock,
    mapping: () => ({ siteName: settings.get().siteName || undefined }),
  });
  const sync = createSyncEngine({
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
  const csvImport = createImportStager({ file: opts.file, nativeBinding: opts.nativeBinding });
  return {
    db,
    orders,
    np,
    sync,
    settings,
    csvImport,
    async close() {
      await sync.close();
      await csvImport.close();
      db.close();
    },
  };
}
