/**
 * The one resolver of the built renderer's files, shared by the Electron app's custom scheme
 * (electron/main/app-protocol.ts) and the browser host's static files (electron/web/host.ts):
 * a URL path → a file confined to the renderer folder (no `..`, encoded or not, no symlink out,
 * no NUL, no directory), its MIME type and the headers every page gets (CSP on HTML, nosniff).
 * Plain Node; tested in test/unit/renderer-files.test.ts.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { HOST_CSP } from '../../shared/csp';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv', // exports may be CP932: no charset claimed
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A URL path inside root, or null when it is malformed or would leave root. Does not touch the disk. */
export function confinedPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed %-escape
  }
  if (decoded.includes('\0')) return null;
  const base = normalize(root);
  const full = normalize(join(base, decoded));
  const inside = base.endsWith(sep) ? base : base + sep;
  return full.startsWith(inside) ? full : null;
}

/** A file Vite wrote under assets/ with a content hash in its name (`index-BNsN7RIU.css`). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

export type RendererFile =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 404; reason: string };

/**
 * The headers a served renderer file carries: its type, nosniff, no referrer; HTML also the CSP, never cached.
 * The bundles under assets/ have the hash of their content in their names: cached for good, so a start after
 * the first reads scripts and styles from the cache (and V8's cache of their compiled code) instead of again.
 */
export function rendererHeaders(file: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': mimeTypeOf(file),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (extname(file).toLowerCase() === '.html') {
    headers['content-security-policy'] = HOST_CSP;
    headers['cache-control'] = 'no-store';
  } else if (HASHED_ASSET.test(file)) headers['cache-control'] = 'public, max-age=31536000, immutable';
  return headers;
}

/** Resolves a URL path ('/' = index.html) to a regular file really inside root (symlinks followed). */
export async function resolveRendererFile(root: string, urlPath: string): Promise<RendererFile> {
  const file = confinedPath(root, urlPath === '/' || urlPath === '' ? '/index.html' : urlPath);
  if (!file) return { status: 404, reason: 'malformed or outside the renderer folder' };
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!realFile.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return { status: 404, reason: 'outside the renderer folder' };
    if (!(await stat(realFile)).isFile()) return { status: 404, reason: 'not a file' };
  } catch {
    return { status: 404, reason: 'not found' };
  }
  return { status: 200, file, headers: rendererHeaders(file) };
}

export interface RendererOrigin {
  /** e.g. 'atobarai:' */
  protocol: string;
  host: string;
}

/**
 * The custom scheme's handler body, as a fetch Request → Response (what Electron's protocol.handle takes):
 * only GET/HEAD for the app's own host, files from root with the headers above, plain-text errors otherwise.
 */
export async function rendererResponse(root: string, request: Request, origin: RendererOrigin): Promise<Response> {
  const plain = (status: number, text: string) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad request');
  }
  if (url.protocol !== origin.protocol || url.host !== origin.host) return plain(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const found = await resolveRendererFile(root, url.pathname);
  if (found.status !== 200) return plain(404, 'Not found');
  const body = request.method === 'HEAD' ? null : await readFile(found.file);
  return new Response(body, { status: 200, headers: found.headers });
}
