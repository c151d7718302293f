/**
 * Why an NP action was refused before anything was queued. The message is Japanese and shown to staff as is;
 * `code` uses the contract's error codes (shared/api-result.ts) so the app layer can pass it through.
 */
import { describeNpCode, type NpCodeInfo } from '../../../shared/np/codes';

export type NpActionErrorCode = 'not_found' | 'refused' | 'validation' | 'conflict';

export class NpActionError extends Error {
  override readonly name = 'NpActionError';
  readonly code: NpActionErrorCode;
  /** For 'validation': the NP codes the local check found, with their meaning and what to do. */
  readonly npCodes: NpCodeInfo[];

  constructor(code: NpActionErrorCode, message: string, npCodes: readonly string[] = []) {
    super(message);
    this.code = code;
    this.npCodes = npCodes.map(describeNpCode);
  }
}

/**
 * A local check with NP's rules failed: the message lists every code with its meaning, then the details that
 * name what disagrees (e.g. which part of the address does not match the zip code), then an optional note.
 */
export function invalidForNp(actionLabel: string, codes: readonly string[], details: readonly string[] = [], note?: string | null): NpActionError {
  const lines = [...codes.map((c) => `${c}: ${describeNpCode(c).meaning}`), ...details].join(' / ');
  return new NpActionError('validation', `${actionLabel}できません。NPの入力ルールに合わない項目があります（${lines}）。${note ? ` ${note}` : ''}`, codes);
}
