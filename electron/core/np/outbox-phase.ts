/**
 * Phase 1 of a sync: drain the outbox — register → update → cancel → shipments, in batches — and, before it,
 * recover rows a crashed run left `sending` (whose claimer is gone). Every row is claimed — marked `sending`,
 * attempts + 1, by a conditional update only one engine can win (claim.ts) — in a committed transaction before
 * its request leaves; its outcome is written in one transaction after the answer.
 */
import { LOCAL } from '../../../shared/np/codes';
import type { NpAction } from '../../../shared/np/status';
import { ACTION_ENDPOINT, applyAccepted, applyAmbiguous, applyRefused, applyRequeued } from './apply';
import { claimForSending, orphanedSending } from './claim';
import { NpClientError, type NpBatchAnswer } from './client';
import { correlateOutbox, type OutboxResult } from './correlate';
import { backoffDelay, chunk, forEachConcurrently } from './retry';
import type { OutboxRow } from './store';
import { applyBatch, type PhaseDeps, type RunContext } from './sync-run';

const OUTBOX_ORDER: readonly NpAction[] = ['register', 'update', 'cancel', 'shipment'];

/** Rows left `sending` by a run that did not finish (crash, kill): decide what they mean now. */
export function recoverInterrupted(deps: PhaseDeps, run: RunContext): void {
  // Only rows whose claimer is gone: another live engine's requests are its own business (claim.ts).
  const rows = orphanedSending(deps.store, deps.clock.now());
  if (!rows.length) return;
  deps.warn(`sync ${run.id}: ${rows.length} action(s) were in flight when the last run stopped`);
  applyBatch(deps, run, rows.map((r) => r.order_id), (ctx) => {
    for (const row of rows) {
      if (row.action === 'register') applyAmbiguous(ctx, row, null, { reason: 'interrupted' });
      else applyRequeued(ctx, row, 'retry', LOCAL.AMBIGUOUS, ctx.now);
    }
  });
  run.ambiguous += rows.filter((r) => r.action === 'register').length;
}

function applyOutboxAnswer(deps: PhaseDeps, run: RunContext, rows: OutboxRow[], answer: NpBatchAnswer<OutboxResult>): void {
  const verdicts = correlateOutbox(rows, answer);
  applyBatch(deps, run, rows.map((r) => r.order_id), (ctx) => {
    for (const v of verdicts) {
      if (v.kind === 'accepted') {
        if (applyAccepted(ctx, v.row, v.result, answer.httpStatus)) run.holdRepeated++;
        run.sent++;
      } else if (v.kind === 'refused') {
        applyRefused(ctx, v.row, v.codes, answer.httpStatus);
        if (ctx.store.outbox(v.row.id)?.state === 'done') run.sent++;
        else run.failed++;
      } else if (v.row.action === 'register') {
        // NP answered but said nothing about this item: it may or may not exist on NP's side.
        applyAmbiguous(ctx, v.row, LOCAL.BAD_RESPONSE);
        run.ambiguous++;
      } else {
        applyRequeued(ctx, v.row, 'retry', LOCAL.BAD_RESPONSE, ctx.now);
        run.deferred++;
      }
    }
  });
}

async function sendOutboxBatch(deps: PhaseDeps, run: RunContext, action: NpAction, rows: OutboxRow[]): Promise<void> {
  // Claimed before the first attempt: rows another engine took meanwhile are not ours to send.
  let sending = claimForSending(deps.db, deps.store, rows, deps.owner, run.id, deps.clock.now());
  if (!sending.length) return;
  const items = sending.map((r) => JSON.parse(r.payload) as never);
  let attempts = 0;
  const call = (): Promise<NpBatchAnswer<OutboxResult>> => {
    switch (action) {
      case 'register':
        return run.client.register(items);
      case 'update':
        return run.client.update(items);
      case 'cancel':
        return run.client.cancel(items);
      case 'shipment':
        return run.client.shipments(items);
    }
  };
  const outcome = await deps.transport.send(run, ACTION_ENDPOINT[action], items, call, {
    // A register is re-sent only when NP certainly did not process it.
    retryable: (e) => e.transient && (action !== 'register' || !e.mayHaveReachedNp),
    beforeAttempt: () => {
      if (attempts++ > 0) sending = claimForSending(deps.db, deps.store, sending, deps.owner, run.id, deps.clock.now());
    },
  });
  if (!(outcome instanceof NpClientError)) {
    applyOutboxAnswer(deps, run, sending, outcome);
    return;
  }
  const e = outcome;
  const ids = sending.map((r) => r.order_id);
  if (action === 'register' && e.mayHaveReachedNp && !e.credentialsProblem) {
    applyBatch(deps, run, ids, (ctx) => sending.forEach((row) => applyAmbiguous(ctx, row, e.localCode)));
    run.ambiguous += sending.length;
    return;
  }
  deps.transport.stop(run, e);
  applyBatch(deps, run, ids, (ctx) =>
    sending.forEach((row) => applyRequeued(ctx, row, 'deferred', e.localCode, ctx.now + backoffDelay(deps.defer, row.attempts, deps.random))),
  );
  run.deferred += sending.length;
}

export async function drainOutbox(deps: PhaseDeps, run: RunContext): Promise<void> {
  const notAfter = run.trigger === 'timer' ? deps.clock.now() : Number.MAX_SAFE_INTEGER;
  const byAction = OUTBOX_ORDER.map((action) => ({ action, rows: deps.store.dueOutbox(action, notAfter) }));
  const total = byAction.reduce((n, a) => n + a.rows.length, 0);
  let done = 0;
  deps.progress(run, 'outbox', 0, total);
  for (const { action, rows } of byAction) {
    await forEachConcurrently(chunk(rows, action === 'register' ? deps.registerBatchSize : deps.batchSize), deps.concurrency, async (batch) => {
      // Once NP is unreachable, the rest stays pending as it is (not even an attempt is counted).
      if (run.unreachable) run.deferred += batch.length;
      else await sendOutboxBatch(deps, run, action, batch);
      done += batch.length;
      deps.progress(run, 'outbox', done, total);
    });
  }
}
