/**
 * The scroll mapping of a list taller than the browser can lay out (renderer/src/features/orders/scaled-scroll.ts):
 * with 1,000,000 rows of 36 px (36 million px, past Chromium's ~33.5 million), End reaches the last row, the
 * scrollbar maps to the whole list (thumb at the bottom = last rows, halfway = middle), wheel steps move the rows
 * pixel for pixel, and every position keeps the virtual table inside the browser's limit.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SCROLL_PX, ScaledScroll } from '../../renderer/src/features/orders/scaled-scroll';

const ROW = 36; // OrderTable.vue's row height
const VIEWPORT = 612; // 17 rows
const CHROMIUM_MAX_PX = 33_554_428;

function million(): ScaledScroll {
  const s = new ScaledScroll({ rowHeight: ROW });
  s.setSize(1_000_000, VIEWPORT);
  return s;
}

/** The list rows on screen for a table scrollTop: what the virtual table shows, mapped to list indexes. */
function onScreen(s: ScaledScroll, top: number): [number, number] {
  const first = Math.floor(top / ROW);
  const last = Math.floor((top + VIEWPORT - 1) / ROW);
  return [s.toListIndex(first), s.toListIndex(last)];
}

function virtualTop(s: ScaledScroll): number {
  return s.realTop - s.offsetRows * ROW;
}

describe('scaled scroll over 1,000,000 rows', () => {
  it('gives the table a virtual list inside every browser limit', () => {
    const s = million();
    expect(s.scaled).toBe(true);
    expect(s.virtualRows * ROW).toBeLessThanOrEqual(DEFAULT_MAX_SCROLL_PX);
    expect(s.virtualRows * ROW).toBeLessThan(CHROMIUM_MAX_PX);
  });

  it('End brings the last row on screen, at the bottom of the virtual list', () => {
    const s = million();
    const step = s.scrollToRow(999_999);
    expect(step.setTop).toBe(s.virtualRows * ROW - VIEWPORT);
    expect(onScreen(s, step.setTop!)[1]).toBe(999_999);
    expect(s.realTop).toBe(1_000_000 * ROW - VIEWPORT);
    // Home goes back to row 0.
    const home = s.scrollToRow(0);
    expect(home.setTop).toBe(0);
    expect(onScreen(s, 0)[0]).toBe(0);
  });

  it('the scrollbar maps to the whole list: dragging the thumb to a fraction shows that fraction of the list', () => {
    const s = million();
    const max = s.virtualRows * ROW - VIEWPORT;
    for (const fraction of [0, 0.25, 0.5, 0.7, 0.9, 1]) {
      const top = Math.round(fraction * max);
      expect(s.onScroll(top).setTop).toBeUndefined(); // a drag is not corrected
      const [first, last] = onScreen(s, top);
      const expected = fraction * (1_000_000 - VIEWPORT / ROW);
      // Within two rows: one px of the table's scroll is 9 px of the list here (36 million px in a 4 million px window).
      expect(Math.abs(first - expected), `fraction ${fraction}`).toBeLessThanOrEqual(2);
      if (fraction === 1) expect(last).toBe(999_999);
    }
  });

  it('wheel steps move the rows pixel for pixel, and the thumb stays proportional', () => {
    const s = million();
    s.onScroll(Math.round(0.5 * (s.virtualRows * ROW - VIEWPORT))); // drag to the middle
    for (let i = 0; i < 200; i++) {
      const before = s.realTop;
      const top = virtualTop(s) + 100; // the wheel moves the table 100 px
      const step = s.onScroll(top);
      expect(s.realTop - before).toBeCloseTo(100, 6);
      const vTop = step.setTop ?? top;
      const proportional = (s.realTop / (1_000_000 * ROW - VIEWPORT)) * (s.virtualRows * ROW - VIEWPORT);
      expect(Math.abs(vTop - proportional)).toBeLessThanOrEqual(ROW);
    }
  });

  it('PageDown and ↓ from anywhere reach the end row by row, never stuck at the virtual list end', () => {
    const s = million();
    s.scrollToRow(999_000);
    for (let row = 999_000; row < 1_000_000; row += 17) {
      const step = s.scrollToRow(row);
      const [first, last] = onScreen(s, step.setTop ?? virtualTop(s));
      expect(first).toBeLessThanOrEqual(row);
      expect(last).toBeGreaterThanOrEqual(row);
    }
    s.scrollToRow(999_999);
    expect(onScreen(s, virtualTop(s))[1]).toBe(999_999);
  });

  it('a list within the limit is shown as it is', () => {
    const s = new ScaledScroll({ rowHeight: ROW });
    s.setSize(100_000, VIEWPORT);
    expect(s.scaled).toBe(false);
    expect(s.virtualRows).toBe(100_000);
    expect(s.onScroll(480_000).setTop).toBeUndefined();
    expect(s.offsetRows).toBe(0);
    expect(s.scrollToRow(99_999).setTop).toBe(100_000 * ROW - VIEWPORT);
    expect(s.toListIndex(5)).toBe(5);
  });

  it('a shorter list after a search keeps the position inside it', () => {
    const s = million();
    s.scrollToRow(999_999);
    s.setSize(500, VIEWPORT);
    expect(s.offsetRows).toBe(0);
    expect(s.realTop).toBe(500 * ROW - VIEWPORT); // clamped to the new end: row 499 is on screen
    expect(s.scrollToRow(499).setTop).toBeUndefined();
    expect(s.scrollToRow(0).setTop).toBe(0);
  });
});
