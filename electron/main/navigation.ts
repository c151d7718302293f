/**
 * Where the window may go: nowhere but the app. window.open is denied, navigation away is blocked,
 * and external links open only through openExternalSafely, for https URLs on the allow-list.
 */
import { shell, type WebContents } from 'electron';

/** NP's merchant site and help pages: the only places staff are sent to. */
export const EXTERNAL_ALLOW_LIST = ['www.np-atobarai.jp', 'np-atobarai.jp', 'www.netprotections.com', 'atobarai-user.jp'];

export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_ALLOW_LIST.includes(url.hostname);
}

/** The one way to open a link outside the app. */
export async function openExternalSafely(raw: string): Promise<boolean> {
  if (!isAllowedExternal(raw)) return false;
  await shell.openExternal(raw);
  return true;
}

/**
 * True when url is one of the app's own pages: the same scheme and host as appUrl (atobarai://app, or the
 * dev server's http://localhost:<port>). Compared by scheme + host because a custom scheme's URL.origin is
 * "null". A local file URL is never the app.
 */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appUrl);
    if (app.protocol === 'file:' || app.host === '') return false;
    return url.protocol === app.protocol && url.host === app.host && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function lockNavigation(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}
