/**
 * Phases 2 and 3 of a sync: ask NP about transactions in batches (/authorizations/find for those under review,
 * /transactions/payments/find for shipped unpaid ones) and write only what really changed.
 */
import type { NpIdItem } from '../../../shared/np/api-types';
import { applyFindError, type ApplyContext, type FindTarget } from './apply';
import { NpClientError, type NpBatchAnswer, type NpClient } from './client';
import { correlateFinds } from './correlate';
import { chunk, forEachConcurrently } from './retry';
import { touch, type PhaseDeps, type RunContext } from './sync-run';

export async function findPhase<R extends { np_transaction_id: string }>(
  deps: PhaseDeps,
  run: RunContext,
  phase: 'authorizations' | 'payments',
  targets: FindTarget[],
  fetch: (client: NpClient, items: NpIdItem[]) => Promise<NpBatchAnswer<R>>,
  apply: (ctx: ApplyContext, t: FindTarget, r: R) => boolean,
): Promise<void> {
  const endpoint = phase === 'authorizations' ? 'authorizationsFind' : 'paymentsFind';
  let done = 0;
  deps.progress(run, phase, 0, targets.length);
  await forEachConcurrently(chunk(targets, deps.batchSize), deps.concurrency, async (batch) => {
    if (run.unreachable) return;
    const items = batch.map((t) => ({ np_transaction_id: t.np_transaction_id }));
    const outcome = await deps.transport.send(run, endpoint, items, () => fetch(run.client, items), { retryable: (e) => e.transient });
    if (outcome instanceof NpClientError) {
      deps.transport.stop(run, outcome);
      return;
    }
    const verdicts = correlateFinds(batch, outcome);
    touch(deps, run, verdicts.map((v) => v.target.order_id));
    // Only orders that really change are written (and reported as changed).
    const changed = new Set<number>();
    deps.db.transaction(() => {
      const ctx: ApplyContext = { store: deps.store, now: deps.clock.now(), runId: run.id };
      for (const v of verdicts) {
        const wrote = 'result' in v ? apply(ctx, v.target, v.result) : applyFindError(ctx, v.target, endpoint, v.codes);
        if (wrote) changed.add(v.target.order_id);
      }
      for (const id of changed) deps.np.refresh(id);
    })();
    if (changed.size) deps.onChanged?.([...changed]);
    done += batch.length;
    deps.progress(run, phase, done, targets.length);
  });
}
