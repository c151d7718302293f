/**
 * The list's first page as the app opens it (no filter, newest first), asked for before the app mounts: the
 * core answers while the shell is being built, so the first rows do not wait for a round trip after it
 * (measured at 1,000,000 orders: docs/benchmarks.md). prefetch-first-page.ts asks — in the 'boot' chunk
 * (renderer/vite.config.ts), evaluated before Vue's — and main.ts mounts the shell once the list has that
 * answer (firstPageOrDeadline); the order list takes it for its first search if that search is this one, else
 * asks the core itself.
 */
import { api } from '../api/client';
import type { OrderSearchCriteria, OrderSearchResult, OrderSortKey } from '../../../shared/search';

export const PAGE_SIZE = 200;
/** main.ts holds the shell back this long at most for the first page (its answer usually comes within ~100 ms). */
export const FIRST_PAGE_WAIT_MS = 300;

export interface SortState {
  key: OrderSortKey;
  dir: 'asc' | 'desc';
}
export const DEFAULT_SORT: SortState = { key: 'orderedAt', dir: 'desc' };

export type SearchFilters = Omit<OrderSearchCriteria, 'sort' | 'offset' | 'limit'>;

/** The criteria of a page of the list (one shape, so a prefetched answer is recognised). */
export function listCriteria(filters: SearchFilters, sort: SortState, offset: number, limit: number): OrderSearchCriteria {
  return { ...filters, sort: { ...sort }, offset, limit };
}

let asked: { key: string; answer: Promise<OrderSearchResult> } | null = null;

export function prefetchFirstPage(): void {
  const criteria = listCriteria({}, DEFAULT_SORT, 0, PAGE_SIZE);
  const answer = api.searchOrders(criteria);
  answer.catch(() => undefined); // whoever takes it sees (and shows) the error
  asked = { key: JSON.stringify(criteria), answer };
}

/** The prefetched answer if `criteria` are the ones asked for — once; later searches ask the core themselves. */
export function takeFirstPage(criteria: OrderSearchCriteria): Promise<OrderSearchResult> | null {
  const taken = asked;
  asked = null;
  return taken && taken.key === JSON.stringify(criteria) ? taken.answer : null;
}

/** `search` settled, or FIRST_PAGE_WAIT_MS passed: whichever comes first (never rejects). */
export function firstPageOrDeadline(search: Promise<void>, waitMs = FIRST_PAGE_WAIT_MS): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    void search
      .catch(() => undefined)
      .then(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}
