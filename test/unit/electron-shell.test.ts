import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Electron cannot run here: the few modules that touch it get a minimal stand-in that records calls.
const exposed: Record<string, unknown> = {};
const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
const windowOptions: unknown[] = [];
const schemes: unknown[] = [];
const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
const dialogs: { message: string; buttons: string[] }[] = [];
let dialogResponse = 0;
vi.mock('electron', () => ({
  app: { isPackaged: true },
  dialog: {
    showMessageBox: vi.fn(async (options: { message: string; buttons: string[] }) => {
      dialogs.push(options);
      return { response: dialogResponse };
    }),
  },
  protocol: {
    registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn),
  },
  BrowserWindow: class {
    static getAllWindows = () => [];
    constructor(options: unknown) {
      windowOptions.push(options);
    }
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: vi.fn(async (channel: string, input: unknown) => ({ channel, input })), on: vi.fn(), removeListener: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
  safeStorage: {},
}));

// electron-updater, as the main process sees it: an event emitter with the documented switches.
const updater = vi.hoisted(() => {
  const listeners = new Map<string, (arg: unknown) => void>();
  return {
    listeners,
    autoUpdater: {
      logger: null as unknown,
      autoDownload: false,
      autoInstallOnAppQuit: false,
      checkForUpdates: vi.fn(async () => null),
      quitAndInstall: vi.fn(),
      on: (event: string, fn: (arg: unknown) => void) => listeners.set(event, fn),
    },
  };
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater.autoUpdater } }));

import { CONTRACT_METHODS, BRIDGE_GLOBAL, ipcChannel } from '../../shared/contract-names';
import { RENDERER_CSP } from '../../shared/csp';
import { createMainWindow } from '../../electron/main/window';
import { bindIpc, FORBIDDEN } from '../../electron/main/ipc';
import { contract, type Handlers } from '../../shared/contract';
import { createDispatcher } from '../../electron/core/app/dispatch';
import { isAllowedExternal, isAppUrl, openExternalSafely } from '../../electron/main/navigation';
import { registerAppScheme, serveAppScheme } from '../../electron/main/app-protocol';
import { appUrl } from '../../electron/main/app-url';
import { HOST_CSP } from '../../shared/csp';
import { menuTemplate } from '../../electron/main/menu';
import { startUpdater } from '../../electron/main/updater';
import { silentLogger } from '../../electron/core/app/logger';
import { UPDATE_PROMPT_TITLE } from '../../electron/updates/update-controller';

describe('window', () => {
  it('is isolated, sandboxed, without Node, with web security', () => {
    createMainWindow('/app/out/preload/index.cjs');
    const prefs = (windowOptions.at(-1) as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('has the strict CSP in the renderer HTML, identical to the one the browser host sends', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
    const directives = new Map(RENDERER_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('font-src')).toBe("'self'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });
});

describe('preload', () => {
  it('exposes exactly one function per contract method plus onEvent, bound to that method channel', async () => {
    await import('../../electron/preload/index');
    const bridge = exposed[BRIDGE_GLOBAL] as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(bridge).sort()).toEqual([...CONTRACT_METHODS, 'onEvent'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const name of CONTRACT_METHODS) {
      expect(await bridge[name]!({ x: 1 })).toEqual({ channel: ipcChannel(name), input: { x: 1 } });
    }
    expect(Object.values(bridge).some((v) => typeof v !== 'function')).toBe(false);
  });
});

describe('IPC binding', () => {
  const appUrl = 'atobarai://app/index.html';
  const mainFrame = { url: appUrl };
  const webContents = { id: 7 };
  const ipcMain = { handle: (ch: string, fn: (e: unknown, i: unknown) => Promise<unknown>) => handlers.set(ch, fn), removeHandler: (ch: string) => handlers.delete(ch) };
  const dispatch = vi.fn(async (method: string, input: unknown) => ({ ok: true as const, value: { method, input } }));
  bindIpc(ipcMain as never, dispatch, () => ({ webContents: webContents as never, appUrl }));
  const invoke = (event: unknown, input: unknown) => handlers.get(ipcChannel('searchOrders'))!(event, input);

  it('binds one handler per method', () => {
    expect([...handlers.keys()].sort()).toEqual(CONTRACT_METHODS.map(ipcChannel).sort());
  });

  it('passes calls from the app window main frame to the dispatch table', async () => {
    const res = await invoke({ sender: { id: 7, mainFrame }, senderFrame: mainFrame }, { limit: 10 });
    expect(res).toEqual({ ok: true, value: { method: 'searchOrders', input: { limit: 10 } } });
  });

  it('refuses other windows, subframes and foreign pages without dispatching', async () => {
    dispatch.mockClear();
    const iframe = { url: appUrl };
    const foreign = { url: 'https://evil.example/' };
    const file = { url: 'file:///opt/atobarai/resources/app.asar/out/renderer/index.html' };
    expect(await invoke({ sender: { id: 7, mainFrame: file }, senderFrame: file }, {})).toEqual(FORBIDDEN);
    expect(await invoke({ sender: { id: 8, mainFrame }, senderFrame: mainFrame }, {})).toEqual(FORBIDDEN);
    expect(await invoke({ sender: { id: 7, mainFrame }, senderFrame: iframe }, {})).toEqual(FORBIDDEN);
    expect(await invoke({ sender: { id: 7, mainFrame: foreign }, senderFrame: foreign }, {})).toEqual(FORBIDDEN);
    expect(await invoke({ sender: { id: 7, mainFrame }, senderFrame: null }, {})).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('IPC with the real contract and dispatch table', () => {
  const appUrl = 'atobarai://app/index.html';
  const mainFrame = { url: appUrl };
  const channels = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const getOrder = vi.fn(() => ({ order: {}, np: null, purchaseCount: 1 }));
  const dispatch = createDispatcher(contract, { getOrder } as unknown as Handlers, { log: { error() {} } });
  bindIpc({ handle: (ch: string, fn: never) => channels.set(ch, fn), removeHandler: () => {} } as never, dispatch, () => ({ webContents: { id: 1 } as never, appUrl }));
  const event = { sender: { id: 1, mainFrame }, senderFrame: mainFrame };

  it('refuses a malformed payload with a typed error naming the field, without calling the handler', async () => {
    for (const bad of [undefined, null, { id: 'x' }, { id: -1 }, { id: 1.5 }, 'id=1']) {
      const res = (await channels.get(ipcChannel('getOrder'))!(event, bad)) as { ok: boolean; error?: { code: string } };
      expect(res.ok, JSON.stringify(bad)).toBe(false);
      expect(res.error?.code).toBe('validation');
    }
    expect(getOrder).not.toHaveBeenCalled();
    // Keys the schema does not know never reach the handler.
    const ok = (await channels.get(ipcChannel('getOrder'))!(event, { id: 1, __proto__x: 1, sql: 'DROP' })) as { ok: boolean };
    expect(ok.ok).toBe(true);
    expect(getOrder).toHaveBeenCalledWith({ id: 1 });
  });
});

describe('navigation and external links', () => {
  it('allows only https links to the allow-listed NP sites', async () => {
    expect(isAllowedExternal('https://www.np-atobarai.jp/merchant/')).toBe(true);
    for (const bad of ['http://www.np-atobarai.jp/', 'https://np-atobarai.jp.evil.example/', 'https://user:pw@www.np-atobarai.jp/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedExternal(bad), bad).toBe(false);
      expect(await openExternalSafely(bad)).toBe(false);
    }
  });

  it('recognises the app URL only', () => {
    const app = 'atobarai://app/index.html';
    expect(isAppUrl('atobarai://app/index.html#/orders', app)).toBe(true);
    expect(isAppUrl('atobarai://app/print.html?id=1', app)).toBe(true);
    for (const bad of ['atobarai://evil/index.html', 'atobarai://user@app/index.html', 'file:///opt/app/out/renderer/index.html', 'https://app/index.html', 'about:blank']) {
      expect(isAppUrl(bad, app), bad).toBe(false);
    }
    expect(isAppUrl('file:///opt/app/out/renderer/index.html', 'file:///opt/app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('the app scheme', () => {
  it('is registered privileged (standard, secure, fetch) and serves the renderer folder with the CSP header', async () => {
    registerAppScheme();
    expect(schemes).toEqual([{ scheme: 'atobarai', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    const dir = mkdtempSync(join(tmpdir(), 'scheme-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(tmpdir(), 'outside-scheme.txt'), 'x');
    serveAppScheme(dir);
    const handler = protocolHandlers.get('atobarai')!;
    const page = await handler(new Request(appUrl()));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(HOST_CSP);
    expect((await handler(new Request('atobarai://app/%2e%2e/outside-scheme.txt'))).status).toBe(404);
    expect((await handler(new Request('atobarai://app/nope.js'))).status).toBe(404);
  });

  it('names pages under atobarai://app when packaged', () => {
    expect(appUrl()).toBe('atobarai://app/index.html');
    expect(appUrl('print.html?ids=1,2')).toBe('atobarai://app/print.html?ids=1,2');
  });
});

describe('menu', () => {
  it('has 「ログフォルダを開く」 in ヘルプ on every platform, calling the log-folder action', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const openLogFolder = vi.fn();
      const help = menuTemplate(platform, '後払いデスク', { openLogFolder }).find((m) => m.label === 'ヘルプ');
      const item = (help?.submenu as { label?: string; click?: () => void }[]).find((i) => i.label === 'ログフォルダを開く');
      expect(item, platform).toBeDefined();
      item!.click!();
      expect(openLogFolder).toHaveBeenCalledTimes(1);
    }
  });
});

describe('updater wiring', () => {
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('checks at launch, downloads in the background, asks in Japanese and restarts only when idle', async () => {
    let activity = { syncing: true, importing: false };
    const controller = startUpdater({ activity: () => activity, isDemo: () => false }, silentLogger, '後払いデスク');
    await flush();
    expect(updater.autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.autoUpdater.autoDownload).toBe(true);
    expect(updater.autoUpdater.autoInstallOnAppQuit).toBe(true);
    expect(updater.autoUpdater.logger).toBe(silentLogger);

    updater.listeners.get('update-downloaded')!({ version: '2.0.0' });
    await flush();
    expect(dialogs).toEqual([]); // a sync runs: no prompt yet
    activity = { syncing: false, importing: false };
    controller.stop();
    controller.downloaded('2.0.0'); // (already waiting: the repeat is ignored)
    expect(controller.state()).toBe('waiting-to-prompt');
  });

  it('prompts 「新しいバージョンがあります — 再起動して更新」 and installs on the first button', async () => {
    dialogs.length = 0;
    dialogResponse = 0;
    updater.autoUpdater.quitAndInstall.mockClear();
    const controller = startUpdater({ activity: () => ({ syncing: false, importing: false }), isDemo: () => false }, silentLogger, '後払いデスク');
    updater.listeners.get('update-downloaded')!({ version: '2.1.0' });
    await flush();
    expect(dialogs[0]?.message).toBe(UPDATE_PROMPT_TITLE);
    expect(UPDATE_PROMPT_TITLE).toBe('新しいバージョンがあります — 再起動して更新');
    expect(dialogs[0]?.buttons).toEqual(['再起動して更新', 'あとで']);
    expect(updater.autoUpdater.quitAndInstall).toHaveBeenCalledTimes(1);
    controller.stop();
  });

  it('does not look for updates in demo mode', async () => {
    updater.autoUpdater.checkForUpdates.mockClear();
    const controller = startUpdater({ activity: () => ({ syncing: false, importing: false }), isDemo: () => true }, silentLogger, '後払いデスク');
    await flush();
    expect(updater.autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    controller.stop();
  });
});
