/**
 * A virtual list taller than the browser can lay out. Chromium caps an element's height near 33.5 million px
 * (Firefox lower), so a virtual table of 48 px rows stops near row 700,000: End and the scrollbar could not reach
 * the rest. The table is therefore given at most `maxRows` rows (the virtual list); the row at virtual index v
 * shows the list's row v + offsetRows. The offset keeps the scrollbar proportional to the whole list — the thumb
 * at a fraction f of its track shows the row at f of the list — while wheel and keyboard steps move the content
 * pixel for pixel: after a small step the virtual scroll position is corrected so the thumb stays proportional.
 * Lists of at most `maxRows` rows are shown as they are (offset 0, no correction).
 *
 * Pure arithmetic (no DOM): OrderTable's composable (use-scaled-scroll.ts) feeds it the table's scroll events.
 */

/**
 * 4 million px (111,111 rows of 36 px): far below every browser's limit and the same for all of them; a list of
 * up to 111,111 rows (a large shop's 100,000 orders) scrolls natively, longer ones through the offset. Not more:
 * the table's placeholders (one object per row it is given) cost the first screen at a million orders ~40 ms at
 * 15 million px (416,666 rows) (docs/benchmarks.md).
 */
export const DEFAULT_MAX_SCROLL_PX = 4_000_000;

export interface ScaledScrollOptions {
  rowHeight: number;
  /** Largest height given to the browser (px); the virtual list has at most maxScrollPx / rowHeight rows. */
  maxScrollPx?: number;
}

export interface ScrollStep {
  /** Where the table's scrollTop must be set (a correction), or undefined when it stays where it is. */
  setTop?: number;
}

export class ScaledScroll {
  readonly rowHeight: number;
  readonly maxRows: number;
  private total = 0;
  private viewport = 0;
  /** The list index of the virtual list's row 0. */
  offsetRows = 0;
  /** The table's scrollTop (virtual px) after the last event or correction. */
  private top = 0;

  constructor(opts: ScaledScrollOptions) {
    this.rowHeight = opts.rowHeight;
    this.maxRows = Math.max(1, Math.floor((opts.maxScrollPx ?? DEFAULT_MAX_SCROLL_PX) / opts.rowHeight));
  }

  /** Rows the table is given. */
  get virtualRows(): number {
    return Math.min(this.total, this.maxRows);
  }

  get scaled(): boolean {
    return this.total > this.maxRows;
  }

  /** The list's row count and the table body's visible height (px). Keeps the first visible row in place. */
  setSize(total: number, viewportPx: number): ScrollStep {
    const realTop = this.realTop;
    this.total = Math.max(0, total);
    this.viewport = Math.max(0, viewportPx);
    if (!this.scaled) {
      this.offsetRows = 0;
      this.top = Math.min(realTop, this.virtualMax);
      return {};
    }
    return this.placeReal(realTop);
  }

  /** The list's scroll position in px (what a table of every row would have as scrollTop). */
  get realTop(): number {
    return this.top + this.offsetRows * this.rowHeight;
  }

  /** List index of a virtual row. */
  toListIndex(virtualIndex: number): number {
    return virtualIndex + this.offsetRows;
  }

  private get virtualMax(): number {
    return Math.max(0, this.virtualRows * this.rowHeight - this.viewport);
  }

  private get realMax(): number {
    return Math.max(0, this.total * this.rowHeight - this.viewport);
  }

  /** The table reports its scrollTop. Large moves (the scrollbar dragged or clicked) map proportionally to the list. */
  onScroll(virtualTop: number): ScrollStep {
    const distance = Math.abs(virtualTop - this.top);
    if (distance === 0) return {};
    if (!this.scaled) {
      this.top = virtualTop;
      return {};
    }
    if (distance >= Math.max(this.viewport, this.rowHeight)) {
      const fraction = this.virtualMax === 0 ? 0 : Math.min(1, virtualTop / this.virtualMax);
      this.top = virtualTop;
      this.offsetRows = this.clampOffset(Math.round((fraction * this.realMax - virtualTop) / this.rowHeight));
      return {};
    }
    return this.placeReal(this.realTop + (virtualTop - this.top));
  }

  /** Scroll so the list's row `index` is visible (moving as little as possible, like 'auto'). */
  scrollToRow(index: number): ScrollStep {
    const rowTop = index * this.rowHeight;
    const realTop = this.realTop;
    if (rowTop < realTop) return this.placeReal(rowTop);
    if (rowTop + this.rowHeight > realTop + this.viewport) return this.placeReal(rowTop + this.rowHeight - this.viewport);
    return {};
  }

  /** Back to the top (a new search). */
  reset(): ScrollStep {
    this.offsetRows = 0;
    this.top = 0;
    return { setTop: 0 };
  }

  /** Show the list from `realTop` px: the virtual position is the proportional one, the offset a whole number of rows. */
  private placeReal(realTop: number): ScrollStep {
    const real = Math.min(Math.max(realTop, 0), this.realMax);
    if (!this.scaled) {
      this.offsetRows = 0;
      this.top = Math.min(real, this.virtualMax);
      return { setTop: this.top };
    }
    const proportional = this.realMax === 0 ? 0 : (real / this.realMax) * this.virtualMax;
    this.offsetRows = this.clampOffset(Math.round((real - proportional) / this.rowHeight));
    this.top = Math.min(Math.max(real - this.offsetRows * this.rowHeight, 0), this.virtualMax);
    return { setTop: this.top };
  }

  private clampOffset(rows: number): number {
    return Math.min(Math.max(rows, 0), Math.max(0, this.total - this.virtualRows));
  }
}
