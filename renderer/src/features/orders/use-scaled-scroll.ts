/**
 * OrderTable's scroll machinery for lists taller than the browser allows (see scaled-scroll.ts): gives the
 * virtual table at most `maxRows` rows, maps its row indexes to list indexes, and keeps the table's scrollTop
 * where ScaledScroll wants it. The table calls onScroll with its scroll events and scrollToRow for the keyboard.
 */
import { computed, ref, watch, type Ref } from 'vue';
import { ScaledScroll, type ScaledScrollOptions, type ScrollStep } from './scaled-scroll';

export interface ScrollTarget {
  scrollToTop(top: number): void;
}

export interface UseScaledScrollOptions extends ScaledScrollOptions {
  /** The list's row count. */
  total: () => number;
  /** The table body's visible height (px), read when needed (it follows the window size). */
  viewport: () => number;
  table: Ref<ScrollTarget | null>;
}

export function useScaledScroll(opts: UseScaledScrollOptions) {
  const scroll = new ScaledScroll(opts);
  /** Reactive copies: cells re-render when the offset moves. */
  const offsetRows = ref(0);
  const virtualRows = ref(0);
  let viewport = 0;

  function apply(step: ScrollStep): void {
    offsetRows.value = scroll.offsetRows;
    virtualRows.value = scroll.virtualRows;
    if (step.setTop !== undefined) opts.table.value?.scrollToTop(step.setTop);
  }

  function measure(): void {
    const v = opts.viewport();
    if (v > 0 && v !== viewport) {
      viewport = v;
      apply(scroll.setSize(opts.total(), viewport));
    }
  }

  watch(opts.total, (n) => apply(scroll.setSize(n, viewport)), { immediate: true });

  return {
    offsetRows,
    virtualRows,
    /** Whether the list is longer than the table is given (the scrollbar is scaled). */
    scaled: computed(() => virtualRows.value < opts.total()),
    toListIndex: (virtualIndex: number): number => virtualIndex + offsetRows.value,
    onScroll({ scrollTop }: { scrollTop: number }): void {
      measure();
      apply(scroll.onScroll(scrollTop));
    },
    scrollToRow(listIndex: number): void {
      measure();
      apply(scroll.scrollToRow(listIndex));
    },
    reset(): void {
      apply(scroll.reset());
    },
  };
}
