/**
 * What saving an edited order means at NP (the core's planSave, electron/core/np/save-plan.ts): the action the
 * save implies, the question staff are asked, and what NP would receive — computed without writing. The edit
 * dialog only shows this; saveOrder then takes staff's confirmed decision.
 */
import type { NpCodeInfo } from './np/codes';
import type { NpUpdatePreview } from './sync';

/** The NP action a save can carry (出荷報告 has its own dialog). */
export const SAVE_ACTIONS = ['update', 'cancel', 'register'] as const;
export type SaveAction = (typeof SAVE_ACTIONS)[number];

/**
 * The question for staff (renderer i18n: np.saveQuestions.*):
 * - cancelOnStatus: 対応状況 became キャンセル on a live transaction → also cancel at NP (stock reminder);
 * - cancelOnPayment: お支払方法 left NP後払い with a live transaction → cancel at NP;
 * - registerOnPayment: お支払方法 became NP後払い → 取引登録;
 * - retryRegister: NP refused the 取引登録 and staff changed the order → register again (the stale error clears);
 * - update: NP has different data → the 取引修正 preview;
 * - reReview: a hold settled outside the data (NP phones the buyer, the address already holds the room) →
 *   取引修正 with unchanged data asks NP to review again.
 */
export const SAVE_QUESTIONS = ['cancelOnStatus', 'cancelOnPayment', 'registerOnPayment', 'retryRegister', 'update', 'reReview'] as const;
export type SaveQuestion = (typeof SAVE_QUESTIONS)[number];

export interface SavePlan {
  /** What the save also asks NP to do when staff agree; null = a plain save (no question). */
  action: SaveAction | null;
  question: SaveQuestion | null;
  /** Cancellations remind staff to return stock by hand. */
  stockReminder: boolean;
  /** 取引修正 / 再審査: exactly what NP would receive (update and reReview only). */
  preview: NpUpdatePreview | null;
  /** NP rules the edited order breaks: the action cannot be sent now (a plain save still can). */
  blocked: NpCodeInfo[];
  /** 取引登録: the buyer's open NP total plus this order against the limit (null for other actions). */
  credit: { outstanding: number; amount: number; limit: number; wouldExceed: boolean } | null;
}
