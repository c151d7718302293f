/**
 * The one error type of the NP client. `message` is for logs (English, never credentials);
 * `userMessage` is the Japanese text for staff; `localCode` is the app's own code (shared/np/codes.ts).
 */
import type { NpEndpoint } from '../../../shared/np/api-types';
import { LOCAL, type LocalCode } from '../../../shared/np/codes';

export type NpFailureKind =
  | 'auth' // 401: merchant code / SP code refused
  | 'forbidden' // 403: e.g. wrong terminal id, or the API option not contracted
  | 'server' // 5xx (and 429): NP failed or is busy
  | 'network' // no HTTP answer: refused, reset, DNS, …
  | 'timeout' // no answer in time
  | 'bad_response' // an answer that is not the NP envelope
  | 'http'; // any other unexpected HTTP status

const LOCAL_CODES: Record<NpFailureKind, LocalCode> = {
  auth: LOCAL.AUTH,
  forbidden: LOCAL.FORBIDDEN,
  server: LOCAL.SERVER,
  network: LOCAL.NETWORK,
  timeout: LOCAL.TIMEOUT,
  bad_response: LOCAL.BAD_RESPONSE,
  http: LOCAL.BAD_RESPONSE,
};

const USER_MESSAGES: Record<NpFailureKind, string> = {
  auth: 'NP後払いの認証に失敗しました（401）。設定画面で加盟店コードとSPコードを確認してください。',
  forbidden: 'NP後払いへのアクセスが拒否されました（403）。端末IDとAPIのご契約状況を確認してください。',
  server: 'NP後払いのサーバーでエラーが発生しました。しばらくしてから自動で再送します。',
  network: 'NP後払いに接続できません。ネットワークを確認してください（操作は送信待ちとして保存されています）。',
  timeout: 'NP後払いからの応答がありませんでした（タイムアウト）。',
  bad_response: 'NP後払いから想定外の応答がありました。',
  http: 'NP後払いから想定外の応答がありました。',
};

export class NpClientError extends Error {
  override readonly name = 'NpClientError';
  readonly kind: NpFailureKind;
  readonly endpoint: NpEndpoint;
  readonly httpStatus: number | null;
  /**
   * False only when NP certainly did not process the request (connection refused, DNS failure, 401/403, 503,
   * an unexpected 4xx). A register that failed with `mayHaveReachedNp` must not be re-sent blindly.
   */
  readonly mayHaveReachedNp: boolean;

  constructor(
    kind: NpFailureKind,
    endpoint: NpEndpoint,
    message: string,
    opts: { httpStatus?: number | null; mayHaveReachedNp?: boolean } = {},
  ) {
    super(message);
    this.kind = kind;
    this.endpoint = endpoint;
    this.httpStatus = opts.httpStatus ?? null;
    this.mayHaveReachedNp = opts.mayHaveReachedNp ?? !(kind === 'auth' || kind === 'forbidden');
  }

  /** The app's own code for this failure (LOCAL_AUTH, LOCAL_TIMEOUT, …). */
  get localCode(): LocalCode {
    return LOCAL_CODES[this.kind];
  }

  /** Japanese text for staff. */
  get userMessage(): string {
    return USER_MESSAGES[this.kind];
  }

  /** A transient failure: the same request may succeed later (network, timeout, 5xx, a garbled answer). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'bad_response';
  }

  /** 401/403: the sync must stop until the credentials are fixed. */
  get credentialsProblem(): boolean {
    return this.kind === 'auth' || this.kind === 'forbidden';
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, endpoint: this.endpoint, httpStatus: this.httpStatus, message: this.message };
  }
}
