/** `npm run sandbox` (electron/sandbox/cli.ts) as a real process: prints its URL and credentials, serves them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MERCHANT } from '../../../electron/sandbox';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
});

function run(args: string[]): { child: ChildProcess; output: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('uses the merchant given on the command line', async () => {
    const { output } = run(['--port', '0', '--merchant-code', 'akt1234', '--sp-code', 'mysecret', '--terminal-id', '2000022000', '--rules', 'default']);
    const out = await output;
    const url = field(out, 'base URL');
    const auth = (sp: string) => ({ Authorization: `Basic ${Buffer.from(`akt1234:${sp}`).toString('base64')}`, 'X-NP-Terminal-Id': '2000022000' });
    expect((await fetch(`${url}/authorizations/find`, { method: 'POST', headers: auth('mysecret'), body: '{}' })).status).toBe(400);
    expect((await fetch(`${url}/authorizations/find`, { method: 'POST', headers: auth('other'), body: '{}' })).status).toBe(401);
  });

  it('refuses partial credentials and bad options with exit code 1', async () => {
    const partial = run(['--port', '0', '--merchant-code', 'akt1']);
    expect(await partial.output).toContain('give all three');
    expect(await partial.exit).toBe(1);
    const bad = run(['--port', 'x']);
    expect(await bad.exit).toBe(1);
  });
});
