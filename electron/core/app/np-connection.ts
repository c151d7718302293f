/**
 * Which NP the app talks to, with which credentials: the embedded sandbox in demo mode, or NP's test or
 * production environment with the credentials staff saved (encrypted) in 設定.
 */
import { NP_BASE_URLS, type NpCredentials, type NpEnvironment } from '../../../shared/np/api-types';
import type { SecretStore } from '../credentials/secret-store';

export interface NpEndpointConfig {
  environment: NpEnvironment;
  baseUrl: string;
  credentials: NpCredentials;
}

/** The embedded (or, for the browser host, a given) NP sandbox. */
export interface SandboxTarget {
  url: string;
  credentials: NpCredentials;
}

export class NpConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpConnectionError';
  }
}

export async function resolveNpEndpoint(environment: NpEnvironment, secrets: SecretStore, sandbox: SandboxTarget | null): Promise<NpEndpointConfig> {
  if (environment === 'sandbox') {
    if (!sandbox) throw new NpConnectionError('NPサンドボックスが起動していません。');
    return { environment, baseUrl: sandbox.url, credentials: sandbox.credentials };
  }
  const credentials = await secrets.load(environment);
  if (!credentials) {
    throw new NpConnectionError(`${environment === 'test' ? 'NPテスト環境' : 'NP本番環境'}の接続情報が登録されていません。設定画面で加盟店コード・SPコード・端末IDを登録してください。`);
  }
  return { environment, baseUrl: NP_BASE_URLS[environment], credentials };
}
