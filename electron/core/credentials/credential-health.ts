/**
 * The startup fallback for credentials: a file that cannot be read or decrypted (another OS user, a
 * reset keychain, a damaged file) must not stop the app. This says what is wrong, in Japanese, so the
 * shell can open with a banner leading to 設定, where new credentials are saved over the broken ones.
 */
import { CREDENTIAL_ENVIRONMENTS } from '../../../shared/contract';
import { SecretStoreError, type SecretStore } from './secret-store';
import { messageOf } from '../../../shared/error-message';

/** null when every stored credential can be read (or none is stored); otherwise what is wrong. */
export async function credentialProblem(secrets: SecretStore): Promise<string | null> {
  const problems = new Set<string>();
  for (const env of CREDENTIAL_ENVIRONMENTS) {
    try {
      await secrets.load(env);
    } catch (e) {
      problems.add(e instanceof SecretStoreError ? e.message : `接続情報を読み込めません（${messageOf(e)}）。設定画面で登録し直してください。`);
    }
  }
  return problems.size === 0 ? null : [...problems].join('\n');
}

/** Credentials that cannot be read count as "not configured": the caller goes on without an NP connection. */
export function isUnreadableCredentials(e: unknown): e is SecretStoreError {
  return e instanceof SecretStoreError;
}
