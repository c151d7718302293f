/**
 * NP's clock as this computer can know it: the local clock plus its difference to NP's clock, which the NP client
 * reads from the Date header of NP's answers. NP judges 請求書発行日 (同梱 / wiz 出荷報告) against its own day in Japan, so a desktop an
 * hour off around midnight JST would send yesterday's or tomorrow's date (E0100124 / E0100126). Small differences
 * (under CLOCK_SKEW_TOLERANCE_MS: network delay, the header's whole seconds) are ignored.
 */
import type { Clock } from './store';

export const CLOCK_SKEW_TOLERANCE_MS = 60_000;

export interface NpClock {
  /** Now on NP's clock (epoch ms), as well as known. */
  now(): number;
  /** 「このコンピュータの時計はNPのサーバーより約N分進んでいます」, or null when the clocks agree (or nothing is known). */
  skewNote(): string | null;
}

/** 1時間5分 / 12分 / 40秒 */
export function durationLabel(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes === 0) return `${Math.round(Math.abs(ms) / 1000)}秒`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h}時間${m ? `${m}分` : ''}` : `${m}分`;
}

/** `serverNow`: NP's clock as the client last read it (NpClient.serverNow), or null when not known. */
export function createNpClock(local: Clock, serverNow: () => number | null): NpClock {
  const significant = (): number | null => {
    const server = serverNow();
    const skew = server === null ? null : server - local.now();
    return skew !== null && Math.abs(skew) >= CLOCK_SKEW_TOLERANCE_MS ? skew : null;
  };
  return {
    now: () => local.now() + (significant() ?? 0),
    skewNote() {
      const skew = significant();
      if (skew === null) return null;
      // skew = NP − local: positive means this computer is behind.
      return `このコンピュータの時計はNPのサーバーより約${durationLabel(skew)}${skew > 0 ? '遅れています' : '進んでいます'}。日付はNPの時計で計算しました。パソコンの時刻設定を確認してください。`;
    },
  };
}
