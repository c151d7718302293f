import type { Database } from 'better-sqlite3';

/** One numbered schema step. `up` runs inside a transaction with `PRAGMA user_version` set to `version`. */
export interface Migration {
  /** 1, 2, 3 … in order, no gaps. */
  readonly version: number;
  /** Short name for logs, e.g. 'orders'. */
  readonly name: string;
  readonly up: (db: Database) => void;
}
