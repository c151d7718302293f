import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSecretStore, maskMerchantCode, SecretStoreError, type Cipher } from '../../electron/core/credentials/secret-store';

/** A reversible stand-in for safeStorage that is visibly not plaintext. */
const xorCipher = (reason: string | null = null): Cipher => ({
  unavailableReason: async () => reason,
  encrypt: async (s) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
  decrypt: async (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
});

const creds = { merchantCode: 'akt1234567', spCode: 'SECRET-SP-CODE-42', terminalId: '2000022000' };

describe('file secret store', () => {
  it('round-trips credentials per environment in a 0600 file that holds no plaintext', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sec-')), 'credentials.bin');
    const store = createFileSecretStore(file, xorCipher());
    await store.save('test', creds);
    await store.save('production', { ...creds, merchantCode: 'akt7654321' });
    expect(await store.load('test')).toEqual(creds);
    expect((await store.load('production'))?.merchantCode).toBe('akt7654321');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('SECRET-SP-CODE-42');
    expect(text).not.toContain('akt1234567');
    await store.clear('test');
    expect(await store.load('test')).toBeNull();
    expect((await store.load('production'))?.merchantCode).toBe('akt7654321');
  });

  it('keeps the SMTP password encrypted next to the credentials, and clears it alone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sec-')), 'credentials.bin');
    const store = createFileSecretStore(file, xorCipher());
    await store.save('test', creds);
    await store.saveSecret('smtpPassword', 'smtp-PASS-ひみつ-9');
    expect(await store.loadSecret('smtpPassword')).toBe('smtp-PASS-ひみつ-9');
    expect(readFileSync(file, 'utf8')).not.toContain('smtp-PASS');
    await store.clearSecret('smtpPassword');
    expect(await store.loadSecret('smtpPassword')).toBeNull();
    expect(await store.load('test')).toEqual(creds);
    await expect(createFileSecretStore(file, xorCipher('暗号化できません')).saveSecret('smtpPassword', 'x')).rejects.toThrow('暗号化できません');
  });

  it('refuses to store when encryption is unavailable, with the reason, and writes nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sec-')), 'credentials.bin');
    const store = createFileSecretStore(file, xorCipher('暗号化できません'));
    await expect(store.save('test', creds)).rejects.toThrow(SecretStoreError);
    await expect(store.save('test', creds)).rejects.toThrow('暗号化できません');
    expect(() => statSync(file)).toThrow();
  });

  it('masks the merchant code', () => {
    expect(maskMerchantCode('akt1234567')).toBe('akt*****67');
    expect(maskMerchantCode('abc')).toBe('***');
  });
});
