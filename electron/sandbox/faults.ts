/**
 * Fault injection for NP requests (POST /__sandbox/faults): reproducible with a seed.
 *  - 5xx: answer 500 or 503 without applying anything;
 *  - timeout: never answer (the client gives up; stop() still closes the socket);
 *  - drop: apply the change, then destroy the socket without answering (the ambiguous case);
 *  - latencyMs: added before every NP request.
 * A script (["drop", "ok", "503", …]) is consumed first, one entry per NP request, then the rates apply.
 */
import type { NpOp } from './types';
import { NP_OPS } from './types';

export const FAULT_KINDS = ['ok', '500', '503', 'timeout', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
  error5xxRate: number;
  timeoutRate: number;
  dropAfterCommitRate: number;
  latencyMs: number;
  /** Seed of the random draws; the same seed and the same request sequence give the same faults. */
  seed: number;
  /** Faults for the next NP requests, in order, before the rates apply. */
  script: FaultKind[];
  /** Only these operations get faults (default: all). */
  ops: NpOp[];
}

export const NO_FAULTS: FaultConfig = {
  error5xxRate: 0,
  timeoutRate: 0,
  dropAfterCommitRate: 0,
  latencyMs: 0,
  seed: 1,
  script: [],
  ops: [...NP_OPS],
};

/** mulberry32: a tiny, good-enough seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rate = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

export class FaultInjector {
  private cfg: FaultConfig = { ...NO_FAULTS };
  private random = prng(NO_FAULTS.seed);

  get config(): FaultConfig {
    return { ...this.cfg, script: [...this.cfg.script], ops: [...this.cfg.ops] };
  }

  /** Replaces the configuration (missing fields take NO_FAULTS' values); returns an error message if invalid. */
  configure(input: unknown): string | null {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'faults must be an object';
    const p = input as Record<string, unknown>;
    const next: FaultConfig = { ...NO_FAULTS, script: [], ops: [...NP_OPS] };
    for (const k of ['error5xxRate', 'timeoutRate', 'dropAfterCommitRate'] as const) {
      if (k in p) {
        if (!rate(p[k])) return `${k} must be between 0 and 1`;
        next[k] = p[k];
      }
    }
    if (next.error5xxRate + next.timeoutRate + next.dropAfterCommitRate > 1) return 'the rates add up to more than 1';
    if ('latencyMs' in p) {
      if (typeof p.latencyMs !== 'number' || !(p.latencyMs >= 0) || p.latencyMs > 600_000) return 'latencyMs must be 0–600000';
      next.latencyMs = p.latencyMs;
    }
    if ('seed' in p) {
      if (typeof p.seed !== 'number' || !Number.isInteger(p.seed)) return 'seed must be an integer';
      next.seed = p.seed;
    }
    if ('script' in p) {
      if (!Array.isArray(p.script) || !p.script.every((k) => (FAULT_KINDS as readonly unknown[]).includes(k))) {
        return `script must be an array of ${FAULT_KINDS.join('/')}`;
      }
      next.script = [...(p.script as FaultKind[])];
    }
    if ('ops' in p) {
      if (!Array.isArray(p.ops) || !p.ops.every((o) => (NP_OPS as readonly unknown[]).includes(o))) {
        return `ops must be an array of ${NP_OPS.join('/')}`;
      }
      next.ops = [...(p.ops as NpOp[])];
    }
    for (const k of Object.keys(p)) if (!(k in NO_FAULTS)) return `unknown fault setting: ${k}`;
    this.cfg = next;
    this.random = prng(next.seed);
    return null;
  }

  reset(): void {
    this.configure({});
  }

  get latencyMs(): number {
    return this.cfg.latencyMs;
  }

  /** The fault for the next NP request of this operation. */
  next(op: NpOp): FaultKind {
    if (!this.cfg.ops.includes(op)) return 'ok';
    const scripted = this.cfg.script.shift();
    if (scripted) return scripted;
    const { error5xxRate: e, timeoutRate: t, dropAfterCommitRate: d } = this.cfg;
    if (e + t + d === 0) return 'ok';
    const r = this.random();
    if (r < e) return this.random() < 0.5 ? '500' : '503';
    if (r < e + t) return 'timeout';
    if (r < e + t + d) return 'drop';
    return 'ok';
  }
}
