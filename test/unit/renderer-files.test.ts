/**
 * The one resolver behind both the app's atobarai:// scheme and the browser host's static files:
 * confinement (traversal in every spelling, symlinks out, NUL, directories), MIME types, the CSP header, 404.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOST_CSP } from '../../shared/csp';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, appUrlUnder } from '../../electron/static/app-origin';
import { confinedPath, rendererResponse, resolveRendererFile } from '../../electron/static/renderer-files';

const origin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };
let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'renderer-files-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>後払いデスク</title>');
  writeFileSync(join(root, 'print.html'), '<!doctype html><title>帳票</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export const x = 1;');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'noto.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'x');
  writeFileSync(join(root, 'assets', 'i18n-x3MZL8SX.css'), 'body{}'); // as Vite names them: content hash
  writeFileSync(join(root, 'assets', 'noto-sans-jp-19-400-normal-DDvI-zmy.woff'), 'w');
  writeFileSync(outside, 'SP code: not for the renderer');
  symlinkSync(outside, join(root, 'assets', 'link.txt'));
});

const get = (url: string, method = 'GET') => rendererResponse(root, new Request(url, { method }), origin);

describe('renderer files', () => {
  it('serves index.html for / with the CSP header, never cached', async () => {
    for (const url of [`${APP_ORIGIN}/`, `${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html?x=1#/orders`]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(HOST_CSP);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain('後払いデスク');
    }
  });

  it('sends each asset with its MIME type and nosniff; no CSP on non-HTML', async () => {
    const cases: [string, string][] = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/noto.woff2', 'font/woff2'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/blob.bin', 'application/octet-stream'],
      ['print.html', 'text/html; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const res = await get(appUrlUnder(APP_ORIGIN, path));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.has('content-security-policy'), path).toBe(path.endsWith('.html'));
    }
    expect(new Uint8Array(await (await get(`${APP_ORIGIN}/assets/noto.woff2`)).arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('lets the browser keep the hashed bundles for good, nothing else', async () => {
    for (const path of ['assets/i18n-x3MZL8SX.css', 'assets/noto-sans-jp-19-400-normal-DDvI-zmy.woff']) {
      expect((await get(appUrlUnder(APP_ORIGIN, path))).headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['assets/index-abc.js', 'assets/blob.bin', 'assets/logo.svg']) {
      expect((await get(appUrlUnder(APP_ORIGIN, path))).headers.has('cache-control'), path).toBe(false);
    }
    expect((await get(appUrlUnder(APP_ORIGIN, 'print.html'))).headers.get('cache-control')).toBe('no-store');
  });

  it('never leaves the renderer folder, however the path is spelled', async () => {
    for (const path of ['../secret.txt', '%2e%2e/secret.txt', '%2e%2e%2fsecret.txt', 'assets/..%2f..%2fsecret.txt', '..%5csecret.txt', '%252e%252e/secret.txt', '%00index.html', '%E0%A4%A']) {
      const res = await get(`${APP_ORIGIN}/${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('SP code');
    }
    // A symlink inside that points outside is not followed.
    expect((await get(`${APP_ORIGIN}/assets/link.txt`)).status).toBe(404);
    expect(confinedPath(root, '/../secret.txt')).toBeNull();
    expect(confinedPath(root, '/%2e%2e/secret.txt')).toBeNull();
    expect(confinedPath(root, '/assets/x.js')).toBe(join(root, 'assets', 'x.js'));
  });

  it('answers 404 for missing files and folders, other hosts and schemes; 405 for writes', async () => {
    expect((await get(`${APP_ORIGIN}/missing.js`)).status).toBe(404);
    expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404);
    expect((await get(`${APP_ORIGIN}/assets/`)).status).toBe(404);
    expect((await get(`${APP_SCHEME}://evil/index.html`)).status).toBe(404);
    expect((await rendererResponse(root, new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }), origin)).status).toBe(405);
    const head = await get(`${APP_ORIGIN}/index.html`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(HOST_CSP);
  });

  it('resolves paths for the browser host the same way', async () => {
    const found = await resolveRendererFile(root, '/');
    expect(found).toMatchObject({ status: 200, file: join(root, 'index.html') });
    expect((await resolveRendererFile(root, '/../secret.txt')).status).toBe(404);
    expect((await resolveRendererFile(root, '/nope.html')).status).toBe(404);
  });

  it('builds page URLs under the app origin or the dev server', () => {
    expect(appUrlUnder(APP_ORIGIN)).toBe('atobarai://app/index.html');
    expect(appUrlUnder(APP_ORIGIN, '/print.html?id=3')).toBe('atobarai://app/print.html?id=3');
    expect(appUrlUnder('http://localhost:5173', 'print.html')).toBe('http://localhost:5173/print.html');
    expect(appUrlUnder('http://localhost:5173/', '')).toBe('http://localhost:5173/index.html');
  });
});
