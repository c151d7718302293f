import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method, type EventSpec } from '../../../shared/contract-kit';
import { HOST_CSP } from '../../../shared/csp';
import { createDispatcher } from '../../../electron/core/app/dispatch';
import { createEventBus } from '../../../electron/core/app/event-bus';
import { startBrowserHost, type BrowserHost } from '../../../electron/web/host';

/** Raw HTTP so the test controls the Host header (fetch does not let it be set). */
function raw(port: number, opts: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const contract = {
  echo: method(z.object({ text: z.string().max(10) })).returns<{ echoed: string }>(),
};

describe('browser host', () => {
  let host: BrowserHost;
  const bus = createEventBus<{ ping: EventSpec<{ n: number }> }>();
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside? no, inside but fine');
    const dispatch = createDispatcher(contract, { echo: ({ text }) => ({ echoed: text }) }, { log: { error() {} } });
    host = await startBrowserHost({ port: 0, staticDir: dir, target: { dispatch, subscribe: (l) => bus.subscribe(l as never) } });
  });
  afterAll(() => host.stop());

  const call = (body: unknown, headers: Record<string, string> = {}) =>
    raw(host.port, { method: 'POST', path: '/api/echo', headers: { 'content-type': 'application/json', 'x-atobarai-token': host.token, ...headers }, body: JSON.stringify(body) });

  it('prints a loopback URL with the token and serves the app with the CSP header', async () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[0-9a-f]{48}$`));
    const res = await raw(host.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(HOST_CSP);
    expect((await raw(host.port, { path: '/assets/app.js' })).status).toBe(200);
  });

  it('answers contract calls with the token, and validates input through the dispatch table', async () => {
    expect(JSON.parse((await call({ text: 'こんにちは' })).body)).toEqual({ ok: true, value: { echoed: 'こんにちは' } });
    const bad = JSON.parse((await call({ text: 'x'.repeat(11) })).body);
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('validation');
    expect(bad.error.fields[0].path).toBe('text');
    const unknown = JSON.parse((await raw(host.port, { method: 'POST', path: '/api/nope', headers: { 'x-atobarai-token': host.token }, body: '{}' })).body);
    expect(unknown.error.code).toBe('unknown_method');
  });

  it('refuses a missing or wrong token', async () => {
    const missing = await raw(host.port, { method: 'POST', path: '/api/echo', body: '{"text":"a"}' });
    expect(missing.status).toBe(401);
    const wrong = await call({ text: 'a' }, { 'x-atobarai-token': 'f'.repeat(48) });
    expect(wrong.status).toBe(401);
    expect((await raw(host.port, { path: `/api/events?token=${'0'.repeat(48)}` })).status).toBe(401);
  });

  it('refuses a Host other than the loopback address it serves (DNS rebinding)', async () => {
    for (const h of ['evil.example:80', `localhost.evil:${host.port}`, `127.0.0.1:${host.port + 1}`, `localhost:${host.port}`]) {
      const res = await raw(host.port, { path: '/', host: h });
      expect(res.status, h).toBe(421);
    }
    const api = await raw(host.port, { method: 'POST', path: '/api/echo', host: 'attacker.test', headers: { 'x-atobarai-token': host.token }, body: '{"text":"a"}' });
    expect(api.status).toBe(421);
  });

  it('refuses a cross-origin API call even with the token', async () => {
    const res = await call({ text: 'a' }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('does not serve files outside the app folder', async () => {
    const res = await raw(host.port, { path: '/..%2f..%2fetc%2fpasswd' });
    expect(res.status).toBe(404);
  });

  it('streams the contract events as server-sent events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes(': connected')) bus.emit('ping', { n: 7 });
          if (buf.includes('event: ping')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: ping\ndata: {"n":7}');
  });

  it('refuses to bind anything but 127.0.0.1', async () => {
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'localhost']) {
      await expect(startBrowserHost({ host: h, port: 0, staticDir: '.', target: { dispatch: async () => ({ ok: true, value: 1 }), subscribe: () => () => {} } })).rejects.toThrow(/127\.0\.0\.1 only/);
    }
  });
});
