/**
 * The sandbox checks Host and Origin like the browser host: a page on another site cannot reset or read it
 * (its Origin is refused before any route runs), a DNS-rebinding name is refused by Host, and it never binds
 * beyond loopback. Raw HTTP so the test controls both headers.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MERCHANT, startSandbox, type RunningSandbox } from '../../../electron/sandbox';

function raw(port: number, opts: { method?: string; path: string; host: string; origin?: string; body?: string; auth?: boolean }) {
  const headers: Record<string, string> = { host: opts.host, 'content-type': 'text/plain' };
  if (opts.origin) headers.origin = opts.origin;
  if (opts.auth) {
    headers.authorization = `Basic ${Buffer.from(`${DEMO_MERCHANT.merchantCode}:${DEMO_MERCHANT.spCode}`).toString('base64')}`;
    headers['x-np-terminal-id'] = DEMO_MERCHANT.terminalId;
  }
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('sandbox Host and Origin', () => {
  let sb: RunningSandbox;
  let own: string;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    own = `127.0.0.1:${sb.port}`;
  });
  afterAll(() => sb.stop());

  /** The sandbox clock's offset: state a reset would wipe (back to 0). */
  const advance = () => raw(sb.port, { method: 'POST', path: '/__sandbox/clock', host: own, body: '{"advanceMs":60000}' });
  const offset = async () => (JSON.parse((await raw(sb.port, { path: '/__sandbox/clock', host: own })).body) as { offsetMs: number }).offsetMs;

  it('answers its own loopback names, with or without a same-origin Origin', async () => {
    expect((await raw(sb.port, { path: '/__sandbox/health', host: own })).status).toBe(200);
    expect((await raw(sb.port, { path: '/__sandbox/health', host: `localhost:${sb.port}` })).status).toBe(200);
    expect((await raw(sb.port, { path: '/__sandbox/health', host: own, origin: `http://${own}` })).status).toBe(200);
    expect((await advance()).status).toBe(200);
    expect(await offset()).toBe(60_000);
  });

  it('refuses another site: a cross-origin reset does nothing, and nothing is read', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:5173', `http://127.0.0.1:${sb.port + 1}`, 'null']) {
      const reset = await raw(sb.port, { method: 'POST', path: '/__sandbox/reset', host: own, origin, body: '{}' });
      expect(reset.status, origin).toBe(403);
      const read = await raw(sb.port, { path: '/__sandbox/transactions', host: own, origin });
      expect(read.status, origin).toBe(403);
      expect(read.body).not.toContain('[');
      const api = await raw(sb.port, { method: 'POST', path: '/v1/authorizations/find', host: own, origin, auth: true, body: '{"transactions":[]}' });
      expect(api.status, origin).toBe(403);
    }
    expect(await offset()).toBe(60_000); // the reset never ran
  });

  it('refuses a DNS-rebinding Host before any route runs', async () => {
    for (const host of [`evil.example:${sb.port}`, `127.0.0.1.nip.io:${sb.port}`, `127.0.0.1:${sb.port + 1}`, '127.0.0.1', `[::1]:${sb.port}`]) {
      const reset = await raw(sb.port, { method: 'POST', path: '/__sandbox/reset', host, body: '{}' });
      expect(reset.status, host).toBe(421);
      expect((await raw(sb.port, { path: '/__sandbox/transactions', host })).status, host).toBe(421);
    }
    expect(await offset()).toBe(60_000);
  });

  it('refuses to bind beyond loopback', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.0.10']) {
      await expect(startSandbox({ port: 0, host }), host).rejects.toThrow(/loopback only/);
    }
  });
});
