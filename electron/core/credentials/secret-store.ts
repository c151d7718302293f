/**
 * Where NP credentials live. The core sees only this interface; electron/main supplies a cipher
 * backed by Electron's safeStorage, the browser host keeps credentials in memory for its run.
 * The file holds one encrypted blob per environment, is written atomically with mode 0600, and is
 * never readable as text.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { NP_ENVIRONMENT_LABELS } from '../../../shared/contract';
import type { NpCredentials } from '../../../shared/np/api-types';

export type CredentialEnvironment = 'test' | 'production';

export interface SecretStore {
  /** null when secrets can be stored; otherwise why not (Japanese, shown to staff). */
  unavailableReason(): Promise<string | null>;
  load(env: CredentialEnvironment): Promise<NpCredentials | null>;
  save(env: CredentialEnvironment, credentials: NpCredentials): Promise<void>;
  clear(env: CredentialEnvironment): Promise<void>;
  /** Other secrets of the main side (the SMTP password): stored like the credentials, never given to the renderer. */
  loadSecret(name: SecretName): Promise<string | null>;
  saveSecret(name: SecretName, value: string): Promise<void>;
  clearSecret(name: SecretName): Promise<void>;
}

export type SecretName = 'smtpPassword';

export interface Cipher {
  unavailableReason(): Promise<string | null>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<string>;
}

export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

type FileShape = Partial<Record<CredentialEnvironment | SecretName, string>>; // base64 of the encrypted JSON / text

export function createFileSecretStore(file: string, cipher: Cipher): SecretStore {
  const read = (): FileShape => {
    if (!existsSync(file)) return {};
    try {
      const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
      return data as FileShape;
    } catch {
      throw new SecretStoreError(`認証情報ファイルを読み込めません（${file}）。設定画面で認証情報を登録し直してください。`);
    }
  };
  /** Saving over an unreadable file keeps its bytes beside it (…bin.unreadable) instead of losing them. */
  const readForUpdate = (): FileShape => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof SecretStoreError)) throw e;
      renameSync(file, `${file}.unreadable`);
      return {};
    }
  };
  const write = (data: FileShape): void => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  return {
    unavailableReason: () => cipher.unavailableReason(),
    async load(env) {
      const blob = read()[env];
      if (!blob) return null;
      try {
        const parsed = JSON.parse(await cipher.decrypt(Buffer.from(blob, 'base64'))) as Partial<NpCredentials>;
        if (!parsed.merchantCode || !parsed.spCode || !parsed.terminalId) throw new Error('incomplete');
        return { merchantCode: parsed.merchantCode, spCode: parsed.spCode, terminalId: parsed.terminalId };
      } catch {
        // Another OS user, a reset keychain or a damaged file: say so; never pass the cipher's error text on.
        throw new SecretStoreError(`保存されている${NP_ENVIRONMENT_LABELS[env]}の認証情報を復号できません（${file}）。設定画面で認証情報を登録し直してください。`);
      }
    },
    async save(env, credentials) {
      const reason = await cipher.unavailableReason();
      if (reason) throw new SecretStoreError(reason);
      const encrypted = await cipher.encrypt(JSON.stringify(credentials));
      write({ ...readForUpdate(), [env]: encrypted.toString('base64') });
    },
    async clear(env) {
      const data = readForUpdate();
      delete data[env];
      write(data);
    },
    async loadSecret(name) {
      const blob = read()[name];
      return blob ? cipher.decrypt(Buffer.from(blob, 'base64')) : null;
    },
    async saveSecret(name, value) {
      const reason = await cipher.unavailableReason();
      if (reason) throw new SecretStoreError(reason);
      const encrypted = await cipher.encrypt(value);
      write({ ...read(), [name]: encrypted.toString('base64') });
    },
    async clearSecret(name) {
      const data = read();
      delete data[name];
      write(data);
    },
  };
}

/** For the browser host: credentials given on its command line or typed in live only for the run. */
export function createMemorySecretStore(initial: Partial<Record<CredentialEnvironment, NpCredentials>> = {}): SecretStore {
  const data = { ...initial };
  const secrets = new Map<SecretName, string>();
  return {
    unavailableReason: async () => null,
    load: async (env) => data[env] ?? null,
    save: async (env, credentials) => {
      data[env] = credentials;
    },
    clear: async (env) => {
      delete data[env];
    },
    loadSecret: async (name) => secrets.get(name) ?? null,
    saveSecret: async (name, value) => {
      secrets.set(name, value);
    },
    clearSecret: async (name) => {
      secrets.delete(name);
    },
  };
}

/** 加盟店コード shown to staff: the first 3 and last 2 characters, the rest masked. */
export function maskMerchantCode(code: string): string {
  if (code.length <= 5) return '*'.repeat(code.length);
  return `${code.slice(0, 3)}${'*'.repeat(code.length - 5)}${code.slice(-2)}`;
}
