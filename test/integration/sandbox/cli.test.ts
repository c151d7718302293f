/** `npm run sandbox` (electron/sandbox/cli.ts) as a real process: prints its URL and credentials, serves them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MERCHANT } from '../../../electron/sandbox';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
});

function run(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.push(child);
  let text = '';
  const output = new Promise<string>((resolve) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      if (text.includes('Press Ctrl+C') || text.includes('usage:')) resolve(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => resolve(text));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exit };
}

const field = (out: string, name: string) => new RegExp(`${name}\\s+(\\S+)`).exec(out)?.[1];

describe('npm run sandbox', () => {
  it('starts with the demo credentials on a free port and answers them', async () => {
    const { output } = run(['--port', '0']);
    const out = await output;
    const url = field(out, 'base URL');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(field(out, 'merchant code')).toBe(DEMO_MERCHANT.merchantCode);
    expect(field(out, 'SP code')).toBe(DEMO_MERCHANT.spCode);
    expect(field(out, 'terminal id')).toBe(DEMO_MERCHANT.terminalId);
    const res = await fetch(`${url}/authorizations/find`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${DEMO_MERCHANT.merchantCode}:${DEMO_MERCHANT.spCode}`).toString('base64')}`,
        'X-NP-Terminal-Id': DEMO_MERCHANT.terminalId,
      },
      body: '{"transactions":[]}',
    });
    expect(res.status).toBe(400);
  });

  const auth = (sp: string) => ({ Authorization: `Basic ${Buffer.from(`akt1234:${sp}`).toString('base64')}`, 'X-NP-Terminal-Id': '2000022000' });
  const merchantArgs = ['--port', '0', '--merchant-code', 'akt1234', '--terminal-id', '2000022000', '--rules', 'default'];

  it('takes the SP code from ATOBARAI_SP_CODE: not in its argv, not printed, and served', async () => {
    const secret = 'env-secret-SP-8812';
    const { child, output } = run(merchantArgs, { ATOBARAI_SP_CODE: secret });
    const out = await output;
    const url = field(out, 'base URL');
    expect(out).not.toContain(secret);
    expect(out).not.toContain('warning');
    if (existsSync(`/proc/${child.pid}/cmdline`)) {
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      expect(argv).toContain('akt1234'); // reading the real argv
      expect(argv).not.toContain(secret);
    }
    expect((await fetch(`${url}/authorizations/find`, { method: 'POST', headers: auth(secret), body: '{}' })).status).toBe(400);
    expect((await fetch(`${url}/authorizations/find`, { method: 'POST', headers: auth('other'), body: '{}' })).status).toBe(401);
  });

  it('takes the SP code from a 0600 file and refuses a file others can read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    const file = join(dir, 'sp-code');
    writeFileSync(file, 'file-secret-SP-4410\n');
    chmodSync(file, 0o644);
    const open = run([...merchantArgs, '--sp-code-file', file]);
    expect(await open.output).toContain('chmod 600');
    expect(await open.exit).toBe(1);
    chmodSync(file, 0o600);
    const { output } = run([...merchantArgs, '--sp-code-file', file]);
    const out = await output;
    expect(out).not.toContain('file-secret-SP-4410');
    expect((await fetch(`${field(out, 'base URL')}/authorizations/find`, { method: 'POST', headers: auth('file-secret-SP-4410'), body: '{}' })).status).toBe(400);
  });

  it('still takes --sp-code (for tests), with a warning', async () => {
    const { output } = run([...merchantArgs, '--sp-code', 'mysecret']);
    const out = await output;
    expect(out).toMatch(/warning: --sp-code puts the SP code in the process list/);
    const url = field(out, 'base URL');
    expect((await fetch(`${url}/authorizations/find`, { method: 'POST', headers: auth('mysecret'), body: '{}' })).status).toBe(400);
  });

  it('refuses to listen beyond loopback', async () => {
    const wide = run(['--port', '0', '--host', '0.0.0.0']);
    expect(await wide.output).toMatch(/loopback only/);
    expect(await wide.exit).toBe(1);
  });

  it('refuses partial credentials and bad options with exit code 1', async () => {
    const partial = run(['--port', '0', '--merchant-code', 'akt1']);
    expect(await partial.output).toContain('give all three');
    expect(await partial.exit).toBe(1);
    const bad = run(['--port', 'x']);
    expect(await bad.exit).toBe(1);
  });
});
