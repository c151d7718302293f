/**
 * The one way main code names a renderer page: `appUrl('index.html')`, `appUrl('print.html?id=3')`.
 * Packaged (and `npm start`): atobarai://app/<path>, served by app-protocol.ts. `npm run dev`: the Vite dev server.
 */
import { app } from 'electron';
import { APP_ORIGIN, appUrlUnder } from '../static/app-origin';

/** Where the renderer's pages are served from in this run. */
export function appBase(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return !app.isPackaged && dev ? dev : APP_ORIGIN;
}

/** The URL of a renderer page (path relative to out/renderer; '' = index.html), for any window of the app. */
export function appUrl(path = ''): string {
  return appUrlUnder(appBase(), path);
}
