/** One measured number of a benchmark, printed as a table row and written to bench-results.json. */
export interface BenchRow {
  /** What was measured, e.g. 'store: insert 100000 orders'. */
  name: string;
  value: number;
  /** 'ms', 'B/order', 'orders/s', 'x' … */
  unit: string;
  /** The value the project aims for (lower is better unless the row says otherwise). */
  target?: number;
  /** value within target. */
  ok?: boolean;
  /** Anything that explains the number (p95, the raw-SQL floor, hit counts …). */
  detail?: unknown;
}
