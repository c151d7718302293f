/**
 * The order list (受注管理): the applied search, the hit count, and the rows — loaded a page at a time as the
 * virtual table scrolls, never all at once. At most MAX_PAGES pages are held (least recently used go first), so
 * the renderer's memory stays flat whether 300 or 100,000 orders match.
 *
 * The table gets light placeholders (`RowSlot`, index only; `slotsFor`); a cell asks `rowAt(index)`, which
 * reads `version` so the table re-renders when a page arrives.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api } from '../api/client';
import type { OrderListRow, OrderSearchCriteria } from '../../../shared/search';
import { SEARCH_LIMIT_MAX } from '../../../shared/search';
import { messageOf } from '../../../shared/error-message';
import { DEFAULT_SORT, PAGE_SIZE, listCriteria, takeFirstPage, type SearchFilters, type SortState } from './first-page';

export const MAX_PAGES = 25;
/** queueNpBulk takes at most this many orders. */
export const BULK_MAX = 10_000;
export const REFRESH_DELAY_MS = 300;

export { PAGE_SIZE, type SearchFilters, type SortState };
export interface RowSlot {
  key: number;
}

/**
 * The table's placeholders: `count` of them, shared between searches. Only as many as the table is given (at most
 * the scaled scroll's window, 111,111 rows), never one per match: a million objects cost the first rows at a
 * million orders a GC pause.
 */
const slotPool: RowSlot[] = [];
export function slotsFor(count: number): RowSlot[] {
  for (let i = slotPool.length; i < count; i++) slotPool.push({ key: i });
  return slotPool.slice(0, count);
}

export const useOrderListStore = defineStore('orderList', () => {
  const filters = ref<SearchFilters>({});
  const sort = ref<SortState>({ ...DEFAULT_SORT });
  const total = ref(0);
  const searched = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Bumped when rows arrive; cells read it through rowAt. */
  const version = ref(0);
  /** Bumped on a new search (not on a refresh): the table scrolls back to the top. */
  const searchId = ref(0);
  const currentIndex = ref(-1);
  const selected = shallowRef<ReadonlySet<number>>(new Set());

  // Not reactive on purpose: pages come and go through `version`.
  const pages = new Map<number, OrderListRow[]>();
  const inflight = new Map<number, Promise<void>>();
  /** Pages fetched since the last search/refresh (older copies may still show while a refresh runs). */
  const fresh = new Set<number>();
  let generation = 0;
  let visible: [number, number] = [0, PAGE_SIZE - 1];

  const selectedCount = computed(() => selected.value.size);

  function criteriaFor(offset: number, limit: number): OrderSearchCriteria {
    return listCriteria(filters.value, sort.value, offset, limit);
  }

  function setTotal(n: number): void {
    if (n === total.value) return;
    total.value = n;
    if (currentIndex.value >= n) currentIndex.value = n - 1;
  }

  function evict(keep: Set<number>): void {
    for (const p of pages.keys()) {
      if (pages.size <= MAX_PAGES) break;
      if (!keep.has(p)) {
        pages.delete(p);
        fresh.delete(p);
      }
    }
  }

  function loadPage(page: number): Promise<void> {
    const running = inflight.get(page);
    if (running) return running;
    const gen = generation;
    const criteria = criteriaFor(page * PAGE_SIZE, PAGE_SIZE);
    const job = (takeFirstPage(criteria) ?? api.searchOrders(criteria))
      .then((res) => {
        if (gen !== generation) return;
        pages.delete(page);
        pages.set(page, res.rows);
        fresh.add(page);
        setTotal(res.total);
        evict(pagesOf(visible[0], visible[1]));
        error.value = null;
        version.value++;
      })
      .catch((e: unknown) => {
        if (gen === generation) error.value = messageOf(e);
      })
      .finally(() => {
        if (inflight.get(page) === job) inflight.delete(page);
      });
    inflight.set(page, job);
    return job;
  }

  function pagesOf(start: number, end: number): Set<number> {
    const out = new Set<number>();
    const last = Math.min(end, Math.max(total.value - 1, 0));
    for (let p = Math.floor(Math.max(start, 0) / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) out.add(p);
    return out;
  }

  /** Called by the table with the rows it renders (including its overscan): loads what is missing. */
  function ensureRange(start: number, end: number): void {
    visible = [start, end];
    for (const p of pagesOf(start, end)) {
      const rows = pages.get(p);
      if (rows) {
        pages.delete(p); // most recently used goes last
        pages.set(p, rows);
      }
      if (!rows || !fresh.has(p)) void loadPage(p);
    }
  }

  /** The row at a list index, or undefined while its page loads. Reactive through `version`. */
  function rowAt(index: number): OrderListRow | undefined {
    void version.value;
    return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  async function reload(resetScroll: boolean): Promise<void> {
    generation++;
    inflight.clear();
    fresh.clear();
    loading.value = true;
    if (resetScroll) {
      visible = [0, PAGE_SIZE - 1];
      pages.clear();
      searchId.value++;
    } else {
      // Keep what is on screen until its fresh copy arrives (no flash); drop the rest.
      const onScreen = pagesOf(visible[0], visible[1]);
      for (const p of [...pages.keys()]) if (!onScreen.has(p)) pages.delete(p);
      // (kept pages are not in `fresh`, so ensureRange fetches them again too)
    }
    try {
      // The first page answers the total; the others follow in parallel.
      const first = resetScroll ? 0 : Math.min(...pagesOf(visible[0], visible[1]), 0x7fffffff);
      await loadPage(first === 0x7fffffff ? 0 : first);
      await Promise.all([...pagesOf(visible[0], visible[1])].filter((p) => !fresh.has(p)).map((p) => loadPage(p)));
      searched.value = true;
    } finally {
      loading.value = false;
      version.value++;
    }
  }

  /** 「この条件で検索する」 */
  async function search(next?: SearchFilters): Promise<void> {
    if (next) filters.value = next;
    currentIndex.value = -1;
    await reload(true);
  }

  async function setSort(next: SortState): Promise<void> {
    sort.value = next;
    await reload(true);
  }

  /** Re-reads what is on screen (after ordersChanged or a save), keeping the scroll position. */
  async function refresh(): Promise<void> {
    if (!searched.value) return;
    await reload(false);
  }

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Coalesces bursts of ordersChanged (a sync touches many orders) into one refresh per REFRESH_DELAY_MS. */
  function scheduleRefresh(): void {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, REFRESH_DELAY_MS);
  }

  function toggleSelected(id: number, on?: boolean): void {
    const next = new Set(selected.value);
    const want = on ?? !next.has(id);
    if (want) next.add(id);
    else next.delete(id);
    selected.value = next;
  }

  function clearSelection(): void {
    selected.value = new Set();
  }

  /** Selects every order the search matched (fetching ids in pages of 1000); refuses above BULK_MAX. */
  async function selectAllMatching(): Promise<boolean> {
    if (total.value > BULK_MAX) return false;
    const ids = new Set<number>();
    for (let offset = 0; offset < total.value; offset += SEARCH_LIMIT_MAX) {
      const res = await api.searchOrders(criteriaFor(offset, SEARCH_LIMIT_MAX));
      for (const r of res.rows) ids.add(r.id);
    }
    selected.value = ids;
    return true;
  }

  /** How many pages are held now (for tests and the memory budget). */
  function heldPages(): number {
    return pages.size;
  }

  return {
    filters,
    sort,
    total,
    searched,
    loading,
    error,
    version,
    searchId,
    currentIndex,
    selected,
    selectedCount,
    search,
    setSort,
    refresh,
    scheduleRefresh,
    ensureRange,
    rowAt,
    toggleSelected,
    clearSelection,
    selectAllMatching,
    heldPages,
  };
});
