/**
 * Settling 「登録されたか不明」 registers in bulk (docs/sync.md, "Ambiguous registers"): NP取引IDs attached from
 * NP's merchant-screen transaction CSV, and 「NPに登録されていないことを確認して再登録」 for many orders at once.
 */
import { z } from 'zod';
import { csvFilePayloadSchema } from './csv';

/** What happens to one line of NP's transaction CSV. */
export type NpIdAttachOutcome =
  /** The order gets this NP取引ID (its ambiguous register is settled). */
  | 'attach'
  /** The order already has this NP取引ID: nothing to do. */
  | 'same'
  /** No order with this 注文番号. */
  | 'not_found'
  /** The order's state does not allow it, the id is taken by another order, or the line is unusable. */
  | 'refused';

export interface NpIdAttachLine {
  /** The line in the file (1 = the header). */
  line: number;
  orderNo: string;
  npTransactionId: string;
  orderId: number | null;
  outcome: NpIdAttachOutcome;
  /** Japanese: why not (refused / not_found), empty otherwise. */
  message: string;
}

export interface NpIdAttachResult {
  /** False for the preview: nothing written. */
  applied: boolean;
  lines: NpIdAttachLine[];
  counts: Record<NpIdAttachOutcome, number>;
}

export const npIdAttachInputSchema = z.object({
  file: csvFilePayloadSchema,
  /** false: preview only; true: attach every 'attach' line in one transaction. */
  apply: z.boolean(),
});

export const reregisterBulkInputSchema = z.object({
  orderIds: z.array(z.number().int().positive()).min(1).max(10_000),
  /** Staff checked NP's merchant screen: these orders are not registered there. Registering one that is charges twice. */
  confirmedNotAtNp: z.literal(true, { error: 'NPの管理画面で未登録であることを確認してください' }),
});
