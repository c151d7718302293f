import type { Migration } from '../migration';

/**
 * 009: searches that stay fast at 1,000,000 orders (docs/benchmarks.md).
 *
 * - orders_text: an FTS5 index of trigrams of the folded search keys (お名前, フリガナ, メールアドレス, TEL, 購入商品),
 *   so "contains" reads the matching orders instead of every order. Contentless (the keys stay in `orders` only)
 *   with contentless_delete so a row can be replaced. Each key is followed by one TEXT_PAD so that every
 *   two-character substring starts a trigram: a two-character query is answered by the trigrams that start with it
 *   (listed by orders_text_terms). Case-sensitive: the keys and queries are folded already.
 *   New orders are indexed by the order repository itself (orders/repository.ts, same transaction): an FTS5 write
 *   from a trigger flushes FTS5's buffer at every statement, which made inserting 1,000,000 orders ~4× slower.
 *   Changed keys and deleted orders are followed by the triggers below, whoever writes them.
 * - orders_search (a wide covering index of the same keys, 003) goes: it cost ~150 bytes an order and every hit
 *   count still read all of it. The sort by フリガナ gets back its own index.
 * - 性別, 請求書区分 and 備考欄あり keep hundreds of thousands of orders: an index per filter leading with it and
 *   carrying ordered_at counts them from the index and lists the newest first without a sort step.
 */
export const TEXT_PAD = '\u0001';
export const TEXT_COLUMNS = { name: 'key_name', kana: 'key_kana', email: 'key_email', tel: 'key_tel', goods: 'key_goods' } as const;
export type TextColumn = keyof typeof TEXT_COLUMNS;

const cols = Object.keys(TEXT_COLUMNS).join(', ');
const padded = (prefix: 'new' | 'old') => Object.values(TEXT_COLUMNS).map((k) => `${prefix}.${k} || char(1)`).join(', ');
/** The statement that indexes one order's keys (parameters: id, then the keys of TEXT_COLUMNS in order, unpadded). */
export const INSERT_TEXT_SQL = `INSERT INTO orders_text (rowid, ${Object.keys(TEXT_COLUMNS).join(', ')}) VALUES (?, ${Object.keys(TEXT_COLUMNS)
  .map(() => '? || char(1)')
  .join(', ')})`;
const keys = Object.values(TEXT_COLUMNS).join(', ');

export const searchTextMigration: Migration = {
  version: 9,
  name: 'search_text',
  up(db) {
    db.exec(`
      DROP INDEX orders_search;
      CREATE INDEX orders_key_kana ON orders (key_kana);
      CREATE INDEX orders_gender ON orders (customer_gender, ordered_at);
      CREATE INDEX orders_invoice_type ON orders (invoice_type, ordered_at);
      CREATE INDEX orders_has_note ON orders (ordered_at) WHERE has_note = 1;

      CREATE VIRTUAL TABLE orders_text USING fts5(${cols}, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1');
      CREATE VIRTUAL TABLE orders_text_terms USING fts5vocab(orders_text, 'col');
      INSERT INTO orders_text (rowid, ${cols}) SELECT id, ${Object.values(TEXT_COLUMNS).map((k) => `${k} || char(1)`).join(', ')} FROM orders;

      CREATE TRIGGER orders_text_update AFTER UPDATE OF ${keys} ON orders BEGIN
        DELETE FROM orders_text WHERE rowid = old.id;
        INSERT INTO orders_text (rowid, ${cols}) VALUES (new.id, ${padded('new')});
      END;
      CREATE TRIGGER orders_text_delete AFTER DELETE ON orders BEGIN
        DELETE FROM orders_text WHERE rowid = old.id;
      END;
    `);
  },
};
