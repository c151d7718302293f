import type { Migration } from '../migration';

/**
 * 005 (帳票): a 税率 per goods line (10% standard, 8% 軽減税率; existing lines are 10%) for the 納品書's
 * 税率ごとの内訳, and when each order's 納品書 was last output (NULL = 未出力) for the list's 帳票 column and the
 * search form's 帳票 filter. The index (printed_at, ordered_at) answers 未出力 (printed_at IS NULL) and 出力済み
 * (printed_at IS NOT NULL) by a seek, and lists 未出力 by order date without a sort step.
 */
export const documentsMigration: Migration = {
  version: 5,
  name: 'documents',
  up(db) {
    db.exec(`
      ALTER TABLE order_lines ADD COLUMN tax_rate INTEGER NOT NULL DEFAULT 10 CHECK (tax_rate IN (10, 8));
      ALTER TABLE orders ADD COLUMN printed_at INTEGER NULL;
      CREATE INDEX orders_printed_at ON orders (printed_at, ordered_at);
    `);
  },
};
