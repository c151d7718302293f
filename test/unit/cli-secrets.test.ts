/** Command-line secrets: the SP code from the environment or a 0600 file, the flag with a warning, --np-url https or loopback. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliOptionError, parseNpUrl, readSpCode, SP_CODE_ENV } from '../../electron/cli/secrets';
import { npTargetFromFlags } from '../../electron/web/cli-options';

const dir = mkdtempSync(join(tmpdir(), 'cli-secrets-'));
function secretFile(name: string, content: string, mode: number): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

describe('readSpCode', () => {
  it('reads the environment variable, and removes it so children do not inherit it', () => {
    const warnings: string[] = [];
    const env: NodeJS.ProcessEnv = { [SP_CODE_ENV]: ' env-sp-1 ', PATH: '/bin' };
    expect(readSpCode({ env, warn: (m) => warnings.push(m) })).toBe('env-sp-1');
    expect(env[SP_CODE_ENV]).toBeUndefined();
    expect(env.PATH).toBe('/bin');
    expect(warnings).toEqual([]);
  });

  it('reads the first line of a 0600 file, and refuses one others can read', () => {
    const warn = () => {};
    expect(readSpCode({ file: secretFile('ok', 'file-sp-2\n', 0o600), env: {}, warn })).toBe('file-sp-2');
    expect(readSpCode({ file: secretFile('ro', 'file-sp-3\r\nignored', 0o400), env: {}, warn })).toBe('file-sp-3');
    for (const mode of [0o644, 0o640, 0o604]) {
      expect(() => readSpCode({ file: secretFile(`m${mode}`, 'x', mode), env: {}, warn, platform: 'linux' })).toThrow(/readable by others.*chmod 600/);
    }
    expect(() => readSpCode({ file: secretFile('empty', '\n', 0o600), env: {}, warn })).toThrow(/empty/);
    expect(() => readSpCode({ file: join(dir, 'missing'), env: {}, warn })).toThrow(CliOptionError);
    expect(() => readSpCode({ file: dir, env: {}, warn })).toThrow(/not a file/);
  });

  it('still takes --sp-code, with a warning that names the safer ways', () => {
    const warnings: string[] = [];
    expect(readSpCode({ flag: 'flag-sp-4', env: {}, warn: (m) => warnings.push(m) })).toBe('flag-sp-4');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(SP_CODE_ENV);
    expect(warnings[0]).toContain('--sp-code-file');
    expect(warnings[0]).not.toContain('flag-sp-4');
  });

  it('refuses two sources at once, and gives nothing when none is set', () => {
    const warn = () => {};
    expect(() => readSpCode({ flag: 'a', env: { [SP_CODE_ENV]: 'b' }, warn })).toThrow(/one way only/);
    expect(() => readSpCode({ file: secretFile('two', 'a', 0o600), env: { [SP_CODE_ENV]: 'b' }, warn })).toThrow(/one way only/);
    expect(readSpCode({ env: {}, warn })).toBeUndefined();
    expect(readSpCode({ env: { [SP_CODE_ENV]: '  ' }, warn })).toBeUndefined();
  });
});

describe('--np-url', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(parseNpUrl('https://ct-api.np-atobarai.jp/v1/')).toBe('https://ct-api.np-atobarai.jp/v1');
    expect(parseNpUrl('http://127.0.0.1:8675/v1')).toBe('http://127.0.0.1:8675/v1');
    expect(parseNpUrl('http://localhost:8675/v1')).toBe('http://localhost:8675/v1');
    expect(parseNpUrl('http://[::1]:8675/v1')).toBe('http://[::1]:8675/v1');
    for (const bad of ['http://192.168.1.5:8675/v1', 'http://np.example/v1', 'http://127.0.0.1.evil.example/', 'ftp://127.0.0.1/', 'https://user:pw@np.example/', 'not a url']) {
      expect(() => parseNpUrl(bad), bad).toThrow(CliOptionError);
    }
  });
});

describe('npm run web NP target', () => {
  it('builds the credentials from the flags and the environment', () => {
    const env = { [SP_CODE_ENV]: 'web-sp-5' };
    expect(npTargetFromFlags({ 'np-url': 'http://127.0.0.1:9/v1', 'merchant-code': 'akt1', 'terminal-id': 't1' }, env, () => {})).toEqual({
      npUrl: 'http://127.0.0.1:9/v1',
      credentials: { merchantCode: 'akt1', spCode: 'web-sp-5', terminalId: 't1' },
    });
    expect(npTargetFromFlags({}, {}, () => {})).toEqual({});
  });

  it('refuses an incomplete or unsafe target', () => {
    expect(() => npTargetFromFlags({ 'np-url': 'http://127.0.0.1:9/v1', 'merchant-code': 'akt1', 'terminal-id': 't1' }, {}, () => {})).toThrow(/SP code/);
    expect(() => npTargetFromFlags({ 'np-url': 'http://10.0.0.2/v1', 'merchant-code': 'a', 'terminal-id': 't' }, { [SP_CODE_ENV]: 's' }, () => {})).toThrow(/https/);
    expect(() => npTargetFromFlags({ 'merchant-code': 'akt1' }, {}, () => {})).toThrow(/--np-url/);
  });
});
