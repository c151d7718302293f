/**
 * The app's pages come from a custom scheme, atobarai://app/…, never from local file URLs (with the fuse
 * grantFileProtocolExtraPrivileges off, such pages behave as in a browser: module scripts fail).
 * Electron's documented pattern: register the scheme as privileged (standard, secure, fetch) before
 * `ready`, then protocol.handle it after. codeCache (Electron ≥ 28, standard schemes only) lets V8 keep the
 * compiled code of the app's scripts between starts, as Chromium does for http: a start after the first
 * does not compile the bundles again. The handler is electron/static/renderer-files.ts, shared with
 * the browser host: confined to the renderer folder, MIME types, the CSP header.
 */
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../static/app-origin';
import { rendererResponse } from '../static/renderer-files';

/** Must run before app `ready` (Electron allows it once). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** After `ready`: serve rendererDir (out/renderer) at atobarai://app/. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request, { protocol: `${APP_SCHEME}:`, host: APP_HOST }));
}
