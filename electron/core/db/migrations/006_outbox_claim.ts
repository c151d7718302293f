import type { Migration } from '../migration';

/**
 * 006: who claimed an outbox row. A row moves pending → sending only through a conditional update that also
 * writes the claiming engine's token (electron/core/db/owner.ts), so two engines on one file never both send it,
 * and a run recovers only the `sending` rows whose claimer is gone (docs/data.md). Rows from before: NULL.
 */
export const outboxClaimMigration: Migration = {
  version: 6,
  name: 'outbox_claim',
  up(db) {
    db.exec('ALTER TABLE np_outbox ADD COLUMN claimed_by TEXT');
  },
};
