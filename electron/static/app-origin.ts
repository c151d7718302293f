/**
 * Where the packaged app's pages live: a privileged, standard, secure custom scheme (electron/main
 * registers it and serves out/renderer through electron/static/renderer-files.ts), never file://.
 * Plain TS so tests, the packaging check and the navigation lock share the one spelling.
 */
export const APP_SCHEME = 'atobarai';
export const APP_HOST = 'app';
/** `atobarai://app` — what the window's pages are served from. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The URL of a renderer page or file under a base (the app origin, or the dev server in development).
 * `path` is relative to the renderer folder ('' or '/' = index.html); a query or hash may follow.
 */
export function appUrlUnder(base: string, path = ''): string {
  const trimmed = path.replace(/^\/+/u, '');
  return new URL(trimmed === '' ? 'index.html' : trimmed, base.endsWith('/') ? base : `${base}/`).toString();
}
