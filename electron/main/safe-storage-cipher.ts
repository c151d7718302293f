/**
 * The Cipher of the credentials file, backed by Electron's safeStorage (Keychain, DPAPI, libsecret).
 * Uses the async API where the running Electron has it (it replaces the sync one, removed in 46);
 * refuses to encrypt when no real OS secret store is available (Linux 'basic_text').
 */
import { safeStorage } from 'electron';
import type { Cipher } from '../core/credentials/secret-store';

interface AsyncSafeStorage {
  isAsyncEncryptionAvailable?: () => Promise<boolean>;
  encryptStringAsync?: (plain: string) => Promise<Buffer>;
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ result: string } | string>;
}

export function createSafeStorageCipher(platform: NodeJS.Platform = process.platform): Cipher {
  const s = safeStorage as typeof safeStorage & AsyncSafeStorage;
  return {
    async unavailableReason() {
      const available = s.isAsyncEncryptionAvailable ? await s.isAsyncEncryptionAvailable() : s.isEncryptionAvailable();
      if (!available) return 'この端末では接続情報を暗号化して保存できません（OSの資格情報ストアが利用できません）。保存を中止しました。';
      if (platform === 'linux' && s.getSelectedStorageBackend() === 'basic_text') {
        return 'この端末には資格情報ストア（GNOMEキーリングまたはKWallet）がないため、接続情報を安全に保存できません。保存を中止しました。';
      }
      return null;
    },
    async encrypt(plain) {
      return s.encryptStringAsync ? s.encryptStringAsync(plain) : s.encryptString(plain);
    },
    async decrypt(encrypted) {
      if (s.decryptStringAsync) {
        const out = await s.decryptStringAsync(encrypted);
        return typeof out === 'string' ? out : out.result;
      }
      return s.decryptString(encrypted);
    },
  };
}
