/**
 * The text filters (お名前, フリガナ, メールアドレス, TEL, 購入商品: "contains" on folded keys) as one FTS5 query on
 * orders_text (migration 009, trigram tokenizer):
 * - three characters or more: the phrase of the query's trigrams, which matches exactly the keys containing it;
 * - two characters: the trigrams that start with them (a key is stored followed by a pad character, so every
 *   two-character substring starts one), read from orders_text_terms and OR'ed;
 * - one character, or two characters that start too many trigrams: no FTS query — the filter stays an instr() on
 *   the key (it keeps most orders anyway, and the list walks its sort index).
 */
import type { Database, Statement } from 'better-sqlite3';
import { TEXT_COLUMNS, type TextColumn } from '../db/migrations/009_search_text';
import type { NormalizedSearchCriteria } from '../../../shared/search';

/** Above this many trigrams for a two-character query, the instr() scan is the cheaper answer. */
export const MAX_SHORT_TERMS = 400;

/** The trigrams of `column` starting with a two-character `prefix` (in the index, in any order). */
export type TermLookup = (column: TextColumn, prefix: string) => string[];

/** The lookup over orders_text_terms (fts5vocab): the terms of a column in [prefix, prefix + U+10FFFF]. */
export function termLookup(db: Database): TermLookup {
  let stmt: Statement<[string, string, string], string> | undefined; // prepared on first use
  return (column, prefix) => {
    stmt ??= db.prepare<[string, string, string], string>('SELECT term FROM orders_text_terms WHERE col = ? AND term >= ? AND term <= ?').pluck();
    return stmt.all(column, prefix, `${prefix}\u{10ffff}`);
  };
}

export interface TextFilters {
  /** FTS5 MATCH expression on orders_text, or undefined when no text filter goes through the index. */
  match?: string;
  /** Filters answered by instr() on the key column instead: [key column, folded query]. */
  scans: [string, string][];
  /** A two-character query that no key contains: the search matches nothing. */
  nothing: boolean;
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Every text filter as instr() on its key: for a walk along the sort index, which visits few orders per page. */
export function textScans(c: NormalizedSearchCriteria): TextFilters {
  const scans = (Object.entries(TEXT_COLUMNS) as [TextColumn, string][]).flatMap(([column, key]): [string, string][] => (c[column] ? [[key, c[column]]] : []));
  return { scans, nothing: false };
}

export function textFilters(c: NormalizedSearchCriteria, terms?: TermLookup): TextFilters {
  const parts: string[] = [];
  const scans: [string, string][] = [];
  let nothing = false;
  for (const [column, key] of Object.entries(TEXT_COLUMNS) as [TextColumn, string][]) {
    const q = c[column];
    if (!q) continue;
    const length = [...q].length;
    if (length >= 3) {
      parts.push(`${column} : ${quote(q)}`);
      continue;
    }
    const found = length === 2 && terms ? terms(column, q) : undefined;
    if (found && found.length <= MAX_SHORT_TERMS) {
      if (found.length === 0) nothing = true; // no trigram starts with it: no key contains it
      else parts.push(`${column} : (${found.map(quote).join(' OR ')})`);
    } else {
      scans.push([key, q]);
    }
  }
  return { ...(parts.length > 0 && { match: parts.join(' AND ') }), scans, nothing };
}
