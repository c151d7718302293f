import type { Migration } from '../migration';
import { foldKana, foldName } from '../../../../shared/search-fold';

/**
 * 007: the name and フリガナ search keys folded again with the one kana normaliser (shared/kana.ts): iteration
 * marks written out (いすゞ = いすず), every long-vowel variant dropped from フリガナ, ヺ / ｦﾞ / ヲ゛ one key. Keys that
 * do not change are not written. Uses the live fold on purpose: the keys must equal what queries fold to.
 */
export const refoldKanaKeysMigration: Migration = {
  version: 7,
  name: 'refold_kana_keys',
  up(db) {
    const rows = db.prepare<[], { id: number; name: string; kana: string; key_name: string; key_kana: string }>(
      'SELECT id, customer_name AS name, customer_kana AS kana, key_name, key_kana FROM orders',
    );
    const update = db.prepare<[string, string, number]>('UPDATE orders SET key_name = ?, key_kana = ? WHERE id = ?');
    const changed: [string, string, number][] = [];
    for (const r of rows.iterate()) {
      const name = foldName(r.name);
      const kana = foldKana(r.kana);
      if (name !== r.key_name || kana !== r.key_kana) changed.push([name, kana, r.id]);
    }
    for (const c of changed) update.run(...c);
  },
};
