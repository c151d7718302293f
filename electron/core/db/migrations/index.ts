/**
 * The app's schema steps, in order. Add a migration by appending one line (its version = its position).
 */
import type { Migration } from '../migration';
import { migration001 } from './001_orders';
import { npMigration } from './002_np';
import { searchIndexMigration } from './003_search_index';
import { mailMigration } from './004_mail';
import { documentsMigration } from './005_documents';
import { outboxClaimMigration } from './006_outbox_claim';
import { refoldKanaKeysMigration } from './007_refold_kana_keys';
import { workQueuesMigration } from './008_work_queues';
import { searchTextMigration } from './009_search_text';
import { npEventsCompactionMigration } from './010_np_events_compaction';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  npMigration,
  searchIndexMigration,
  mailMigration,
  documentsMigration,
  outboxClaimMigration,
  refoldKanaKeysMigration,
  workQueuesMigration,
  searchTextMigration,
  npEventsCompactionMigration,
];
