/**
 * Where NP credentials live. The core sees only this interface; electron/main supplies a cipher
 * backed by Electron's safeStorage, the browser host keeps credentials in memory for its run.
 * The file holds one encrypted blob per environment, is written atomically with mode 0600, and is
 * never readable as text.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { NpCredentials } from '../../../shared/np/api-types';

export type CredentialEnvironment = 'test' | 'production';

export interface SecretStore {
  /** null when secrets can be stored; otherwise why not (Japanese, shown to staff). */
  unavailableReason(): Promise<string | null>;
  load(env: CredentialEnvironment): Promise<NpCredentials | null>;
  save(env: CredentialEnvironment, credentials: NpCredentials): Promise<void>;
  clear(env: CredentialEnvironment): Promise<void>;
}

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

type FileShape = Partial<Record<CredentialEnvironment, string>>; // base64 of the encrypted JSON

export function createFileSecretStore(file: string, cipher: Cipher): SecretStore {
  const read = (): FileShape => {
    if (!existsSync(file)) return {};
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as FileShape;
    } catch {
      throw new SecretStoreError(`接続情報ファイルを読み込めません（${file}）。設定画面で接続情報を登録し直してください。`);
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
      const plain = await cipher.decrypt(Buffer.from(blob, 'base64'));
      return JSON.parse(plain) as NpCredentials;
    },
    async save(env, credentials) {
      const reason = await cipher.unavailableReason();
      if (reason) throw new SecretStoreError(reason);
      const encrypted = await cipher.encrypt(JSON.stringify(credentials));
      write({ ...read(), [env]: encrypted.toString('base64') });
    },
    async clear(env) {
      const data = read();
      delete data[env];
      write(data);
    },
  };
}

/** For the browser host: credentials given on its command line or typed in live only for the run. */
export function createMemorySecretStore(initial: Partial<Record<CredentialEnvironment, NpCredentials>> = {}): SecretStore {
  const data = { ...initial };
  return {
    unavailableReason: async () => null,
    load: async (env) => data[env] ?? null,
    save: async (env, credentials) => {
      data[env] = credentials;
    },
    clear: async (env) => {
      delete data[env];
    },
  };
}

/** 加盟店コード shown to staff: the first 3 and last 2 characters, the rest masked. */
export function maskMerchantCode(code: string): string {
  if (code.length <= 5) return '*'.repeat(code.length);
  return `${code.slice(0, 3)}${'*'.repeat(code.length - 5)}${code.slice(-2)}`;
}
