/**
 * The order list store: pages are fetched on demand with offset/limit (never the whole result), at most
 * MAX_PAGES are held however far staff scroll through 100,000 matches, sorting goes to the core, a refresh
 * re-reads what is on screen, stale answers of an older search are dropped, and "select all" stops at the
 * bulk limit.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderListRow, OrderSearchCriteria, OrderSearchResult } from '../../shared/search';
import { BULK_MAX, MAX_PAGES, PAGE_SIZE, useOrderListStore } from '../../renderer/src/stores/order-list';
import { FIRST_PAGE_WAIT_MS, firstPageOrDeadline, prefetchFirstPage } from '../../renderer/src/stores/first-page';
import { freshPinia, useMemoryTransport, type MemoryTransport } from './helpers';

function row(i: number, suffix = ''): OrderListRow {
  return {
    id: i + 1,
    orderNo: String(100000 + i) + suffix,
    orderedAt: Date.UTC(2026, 10, 1) + i * 60_000,
    customerName: `顧客${i}`,
    customerKana: `コキャク${i}`,
    paymentMethod: 'np_atobarai',
    total: 1000 + i,
    status: 'new',
    npStatus: 'ok',
    npDirty: false,
    invoiceType: 'separate',
    purchaseCount: 1,
    printedAt: null,
    npPaidAt: null,
  };
}

/** A result of `count` rows made on demand, like the core's paged search. */
function pagedSearch(count: () => number, suffix = () => '') {
  return (c: OrderSearchCriteria): OrderSearchResult => {
    const offset = c.offset ?? 0;
    const limit = c.limit ?? 100;
    const rows: OrderListRow[] = [];
    for (let i = offset; i < Math.min(offset + limit, count()); i++) rows.push(row(i, suffix()));
    return { total: count(), offset, rows };
  };
}

const searches = (t: MemoryTransport) => t.calls.filter((c) => c.method === 'searchOrders').map((c) => c.input as OrderSearchCriteria);

beforeEach(() => {
  freshPinia();
});

describe('order list store', () => {
  it('shows the hit count and the first page at once, other pages on demand', async () => {
    const t = useMemoryTransport({ searchOrders: pagedSearch(() => 100_000) });
    const s = useOrderListStore();
    await s.search({ npStatuses: ['ok'] });
    expect(s.total).toBe(100_000);
    expect(s.rowAt(0)?.orderNo).toBe('100000');
    expect(s.rowAt(PAGE_SIZE + 5)).toBeUndefined();
    expect(searches(t)[0]).toMatchObject({ npStatuses: ['ok'], offset: 0, limit: PAGE_SIZE, sort: { key: 'orderedAt', dir: 'desc' } });

    s.ensureRange(50_000, 50_030);
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(s.rowAt(50_010)?.orderNo).toBe('150010');
    expect(searches(t).at(-1)).toMatchObject({ offset: 50_000, limit: PAGE_SIZE });
  });

  it('never asks for more than one page at a time and holds at most MAX_PAGES while scrolling 100,000 rows', async () => {
    const t = useMemoryTransport({ searchOrders: pagedSearch(() => 100_000) });
    const s = useOrderListStore();
    await s.search({});
    for (let top = 0; top < 100_000; top += 997) {
      s.ensureRange(top, top + 40);
      await new Promise((r) => setTimeout(r, 0));
      expect(s.heldPages()).toBeLessThanOrEqual(MAX_PAGES + 1);
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(s.heldPages()).toBeLessThanOrEqual(MAX_PAGES);
    expect(Math.max(...searches(t).map((c) => c.limit ?? 0))).toBe(PAGE_SIZE);
    expect(s.rowAt(99_710)).toBeDefined();
    expect(s.rowAt(0)).toBeUndefined(); // evicted long ago
    s.ensureRange(0, 40); // …and fetched again when staff scroll back
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(s.rowAt(0)?.orderNo).toBe('100000');
  });

  it('sorts through the core and starts from the top again', async () => {
    const t = useMemoryTransport({ searchOrders: pagedSearch(() => 500) });
    const s = useOrderListStore();
    await s.search({ name: '山田' });
    const before = s.searchId;
    await s.setSort({ key: 'total', dir: 'asc' });
    expect(searches(t).at(-1)).toMatchObject({ name: '山田', sort: { key: 'total', dir: 'asc' }, offset: 0 });
    expect(s.searchId).toBe(before + 1);
  });

  it('refresh re-reads the rows on screen and keeps the position', async () => {
    let suffix = '';
    let total = 1000;
    useMemoryTransport({ searchOrders: pagedSearch(() => total, () => suffix) });
    const s = useOrderListStore();
    await s.search({});
    s.ensureRange(600, 640);
    await new Promise((r) => setTimeout(r, 0));
    const id = s.searchId;
    suffix = '-new';
    total = 1001;
    await s.refresh();
    expect(s.rowAt(610)?.orderNo).toBe('100610-new');
    expect(s.total).toBe(1001);
    expect(s.searchId).toBe(id);
  });

  it('drops the answer of an older search that arrives late', async () => {
    let release: (() => void) | null = null;
    useMemoryTransport({
      searchOrders: async (c: OrderSearchCriteria) => {
        if (c.name === '遅い') await new Promise<void>((r) => (release = r));
        return pagedSearch(() => (c.name === '遅い' ? 7 : 3))(c);
      },
    });
    const s = useOrderListStore();
    const slow = s.search({ name: '遅い' });
    await new Promise((r) => setTimeout(r, 0));
    await s.search({ name: '速い' });
    release!();
    await slow;
    expect(s.total).toBe(3);
    expect(s.filters).toEqual({ name: '速い' });
  });

  it('select all takes every matching id, and refuses beyond the bulk limit', async () => {
    let total = 2_500;
    const t = useMemoryTransport({ searchOrders: pagedSearch(() => total) });
    const s = useOrderListStore();
    await s.search({ statuses: ['paid'] });
    expect(await s.selectAllMatching()).toBe(true);
    expect(s.selectedCount).toBe(2_500);
    expect(searches(t).slice(1).map((c) => [c.offset, c.limit])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
    s.toggleSelected(1);
    expect(s.selectedCount).toBe(2_499);
    s.clearSelection();
    total = BULK_MAX + 1;
    await s.search({});
    expect(await s.selectAllMatching()).toBe(false);
    expect(s.selectedCount).toBe(0);
  });

  it('reports a failed search in Japanese without losing the previous list', async () => {
    let fail = false;
    useMemoryTransport({
      searchOrders: (c: OrderSearchCriteria) => {
        if (fail) throw Object.assign(new Error('データベースを読み込めません'), { code: 'internal' });
        return pagedSearch(() => 10)(c);
      },
    });
    const s = useOrderListStore();
    await s.search({});
    fail = true;
    await s.refresh();
    expect(s.error).toBe('データベースを読み込めません');
    expect(s.total).toBe(10);
  });
});

describe('the first page asked for at launch (stores/first-page.ts)', () => {
  it('is the answer of the list’s first search — one call to the core, not two', async () => {
    const t = useMemoryTransport({ searchOrders: pagedSearch(() => 1_000) });
    prefetchFirstPage(); // main.ts, before the app mounts
    expect(searches(t)).toHaveLength(1);
    const s = useOrderListStore();
    await s.search({});
    expect(searches(t)).toHaveLength(1);
    expect(searches(t)[0]).toEqual({ sort: { key: 'orderedAt', dir: 'desc' }, offset: 0, limit: PAGE_SIZE });
    expect(s.total).toBe(1_000);
    expect(s.rowAt(0)?.orderNo).toBe('100000');
    await s.search({}); // a later search asks the core again
    expect(searches(t)).toHaveLength(2);
  });

  it('is not used for a first search with other criteria (a queue applied before it arrived)', async () => {
    const t = useMemoryTransport({ searchOrders: pagedSearch(() => 1_000) });
    prefetchFirstPage();
    const s = useOrderListStore();
    await s.search({ npStatuses: ['ok'] });
    expect(searches(t)).toHaveLength(2);
    expect(searches(t)[1]).toMatchObject({ npStatuses: ['ok'], offset: 0 });
    await s.search({}); // taken once: the launch's answer is not reused later
    expect(searches(t)).toHaveLength(3);
  });

  it('lets the list show the core’s error when the early ask failed', async () => {
    useMemoryTransport({
      searchOrders: () => {
        throw new Error('データベースがロックされています');
      },
    });
    prefetchFirstPage();
    const s = useOrderListStore();
    await s.search({});
    expect(s.error).toContain('ロック');
  });
});

describe('the shell waits for the first page (main.ts), not for long', () => {
  it('goes on as soon as the first search is in, or after FIRST_PAGE_WAIT_MS when the core is slow or failing', async () => {
    vi.useFakeTimers();
    try {
      let answered = false;
      void firstPageOrDeadline(new Promise<void>(() => undefined)).then(() => (answered = true)); // never answers
      await vi.advanceTimersByTimeAsync(FIRST_PAGE_WAIT_MS - 1);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(answered).toBe(true);

      let fast = false;
      void firstPageOrDeadline(Promise.resolve()).then(() => (fast = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(fast).toBe(true);

      let failed = false;
      void firstPageOrDeadline(Promise.reject(new Error('locked'))).then(() => (failed = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(failed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
