/** The sandbox's default decision rules and the demo preset (docs/sandbox.md documents both). */
import type { SandboxRules } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Predictable defaults (tests, shops' developers): nothing is random. Hold/NG/review come only from the
 * credit limit, the address rule, platform-dependent characters and the markers below.
 */
export const DEFAULT_RULES: SandboxRules = {
  creditLimit: 55_000,
  strictAmount: false,
  checkZipAddress: true,
  requireEmail: false,
  holdOnMissingBuilding: true,
  holdOnPlatformDependentChars: true,
  holdMarkers: [
    { text: '保留テスト', codes: ['RE026'] },
    { text: '電話確認テスト', codes: ['RE021'] },
  ],
  ngMarkers: [
    { text: 'NGテスト', code: 'NG999' },
    { text: '情報不備テスト', code: 'NG002' },
  ],
  reviewMarkers: ['審査テスト'],
  reviewShare: 0,
  ngShare: 0,
  holdShare: 0,
  reviewFinds: 1,
  reviewSeconds: 60,
  paymentDelayMs: 7 * DAY_MS,
  autoCancelAfterMs: null,
  strictShopTransactionId: false,
  reregisterMaxCount: 3,
  reregisterNextDay: true,
};

/**
 * Demo mode (the app without credentials, `npm run sandbox`): some orders end 与信審査中 (15 %, final after one
 * poll or 90 s), 審査NG (5 %) or 審査保留 (8 %, with a realistic reason), shipped orders are paid after 3 minutes,
 * so every status shows up in proportions a shop would recognise. (Houses have no building or room number, so
 * the missing-building rule is off here: it would hold a third of a realistic order book.)
 */
export const DEMO_RULES: Partial<SandboxRules> = {
  reviewShare: 0.15,
  ngShare: 0.05,
  holdShare: 0.08,
  holdOnMissingBuilding: false,
  reviewFinds: 1,
  reviewSeconds: 90,
  paymentDelayMs: 3 * 60 * 1000,
};

function isNum(v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

/**
 * Applies a partial rule set (from startSandbox or POST /__sandbox/rules) on top of base.
 * Returns the new rules, or an error message (English) naming the first bad field.
 */
export function mergeRules(base: SandboxRules, patch: unknown): SandboxRules | string {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'rules must be an object';
  const p = patch as Record<string, unknown>;
  const next: SandboxRules = { ...base };
  for (const [k, v] of Object.entries(p)) {
    switch (k) {
      case 'creditLimit':
      case 'reviewFinds':
      case 'reviewSeconds':
      case 'reregisterMaxCount':
        if (!isNum(v, 0)) return `${k} must be a non-negative number`;
        next[k] = v;
        break;
      case 'reviewShare':
      case 'ngShare':
      case 'holdShare':
        if (!isNum(v, 0, 1)) return `${k} must be between 0 and 1`;
        next[k] = v;
        break;
      case 'paymentDelayMs':
      case 'autoCancelAfterMs':
        if (v !== null && !isNum(v, 0)) return `${k} must be a non-negative number or null`;
        next[k] = v;
        break;
      case 'strictAmount':
      case 'checkZipAddress':
      case 'requireEmail':
      case 'holdOnMissingBuilding':
      case 'holdOnPlatformDependentChars':
      case 'strictShopTransactionId':
      case 'reregisterNextDay':
        if (typeof v !== 'boolean') return `${k} must be a boolean`;
        next[k] = v;
        break;
      case 'reviewMarkers':
        if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s !== '')) return `${k} must be an array of strings`;
        next.reviewMarkers = [...v];
        break;
      case 'holdMarkers':
        if (
          !Array.isArray(v) ||
          !v.every(
            (m) =>
              typeof m?.text === 'string' &&
              m.text !== '' &&
              Array.isArray(m.codes) &&
              m.codes.length > 0 &&
              m.codes.every((c: unknown) => typeof c === 'string' && /^RE\d{3}$/.test(c)),
          )
        ) {
          return 'holdMarkers must be [{text, codes: ["RE0xx", …]}]';
        }
        next.holdMarkers = v.map((m: { text: string; codes: string[] }) => ({ text: m.text, codes: [...m.codes] }));
        break;
      case 'ngMarkers':
        if (
          !Array.isArray(v) ||
          !v.every((m) => typeof m?.text === 'string' && m.text !== '' && typeof m.code === 'string' && /^NG\d{3}$/.test(m.code))
        ) {
          return 'ngMarkers must be [{text, code: "NG002" | "NG999"}]';
        }
        next.ngMarkers = v.map((m: { text: string; code: string }) => ({ text: m.text, code: m.code }));
        break;
      default:
        return `unknown rule: ${k}`;
    }
  }
  return next;
}
