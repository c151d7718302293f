/**
 * `npm run web` (electron/web/cli.ts) as a real process talking to a real sandbox: the SP code comes from
 * ATOBARAI_SP_CODE, is never in the process's argv, and works (NP accepts the connection); an http --np-url off
 * this machine is refused before anything starts. (The first run may build the renderer into out/.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/sandbox';

const SECRET = 'WEB-CLI-SECRET-SP-6620';
const MERCHANT = { merchantCode: 'akt6660001', spCode: SECRET, terminalId: '6660000001' };
const children: ChildProcess[] = [];

function web(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'web-cli-')), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let text = '';
  const output = new Promise<string>((resolve) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      if (/Atobarai Desk: http/u.test(text)) resolve(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => resolve(text));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exit };
}

describe('npm run web reads the SP code from the environment', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, merchants: [MERCHANT] });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await sandbox.stop();
  });

  it('connects with it, without it in argv or on the screen', async () => {
    const { child, output } = web(['--np-url', sandbox.url, '--merchant-code', MERCHANT.merchantCode, '--terminal-id', MERCHANT.terminalId], { ATOBARAI_SP_CODE: SECRET });
    const out = await output;
    const url = /Atobarai Desk: (\S+)/u.exec(out)?.[1];
    expect(url, out).toBeDefined();
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('warning: --sp-code');
    if (existsSync(`/proc/${child.pid}/cmdline`)) {
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      expect(argv).toContain(MERCHANT.merchantCode); // reading the real argv
      expect(argv).not.toContain(SECRET);
    }
    const { origin, searchParams } = new URL(url!);
    const res = await fetch(`${origin}/api/testConnection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-atobarai-token': searchParams.get('token')! },
      body: JSON.stringify({ environment: 'sandbox' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, value: { ok: true } }); // the sandbox accepted the SP code
  }, 180_000);

  it('refuses an http --np-url off this machine before starting', async () => {
    const { output, exit } = web(['--np-url', 'http://192.0.2.10/v1', '--merchant-code', 'a', '--terminal-id', 't'], { ATOBARAI_SP_CODE: SECRET });
    expect(await output).toMatch(/--np-url must be https, or http on this machine/u);
    expect(await exit).toBe(1);
  });
});
