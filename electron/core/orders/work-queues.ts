/**
 * 要対応: the count of each work queue (shared/work-queues.ts), computed from the store on every call — so the
 * counts are true whatever changed them — and cheap: each queue's search is served by an index (migration 007).
 * Also keeps 「NP入金済み」's last look and the saved searches (名前を付けて保存) in the settings table.
 */
import type { Database } from 'better-sqlite3';
import { parseSearchCriteria } from '../../../shared/search';
import { SAVED_SEARCH_MAX, WORK_QUEUES, workQueueFilters, type SavedSearch, type WorkQueuesState } from '../../../shared/work-queues';
import type { OrderRepository } from './repository';

const PAID_SEEN_KEY = 'workQueues.paidSeenAt';
const SAVED_KEY = 'savedSearches';

export interface WorkQueueStore {
  state(): WorkQueuesState;
  /** Staff opened 「NP入金済み」: payments seen until `now` no longer count. */
  markPaymentsSeen(now: number): WorkQueuesState;
  savedSearches(): SavedSearch[];
  /** Adds or replaces (same name) a saved search; the newest first. */
  saveSearch(search: SavedSearch): SavedSearch[];
  deleteSavedSearch(name: string): SavedSearch[];
}

export function createWorkQueueStore(db: Database, orders: Pick<OrderRepository, 'countNormalized'>): WorkQueueStore {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const readJson = <T>(key: string, fallback: T): T => {
    const raw = read.get(key);
    return raw === undefined ? fallback : (JSON.parse(raw) as T);
  };
  const paidSeenAt = (): number | null => {
    const v = readJson<unknown>(PAID_SEEN_KEY, null);
    return typeof v === 'number' ? v : null;
  };
  const saved = (): SavedSearch[] => {
    const v = readJson<unknown>(SAVED_KEY, []);
    return Array.isArray(v) ? (v as SavedSearch[]) : [];
  };

  const state = (): WorkQueuesState => {
    const seen = paidSeenAt();
    return {
      paidSeenAt: seen,
      queues: WORK_QUEUES.map((queue) => {
        const filters = workQueueFilters(queue, seen);
        return { queue, filters, count: orders.countNormalized(parseSearchCriteria(filters)) };
      }),
    };
  };

  return {
    state,
    markPaymentsSeen(now) {
      write.run(PAID_SEEN_KEY, JSON.stringify(now));
      return state();
    },
    savedSearches: saved,
    saveSearch(search) {
      const next = [search, ...saved().filter((s) => s.name !== search.name)].slice(0, SAVED_SEARCH_MAX);
      write.run(SAVED_KEY, JSON.stringify(next));
      return next;
    },
    deleteSavedSearch(name) {
      const next = saved().filter((s) => s.name !== name);
      write.run(SAVED_KEY, JSON.stringify(next));
      return next;
    },
  };
}
