/**
 * The Electron main process: a flat boot list. Everything behind it is the Electron-free core.
 *   log file → privileged app scheme → single-instance lock → ready → atobarai://app serves out/renderer →
 *   data folder → credentials store (safeStorage; unreadable credentials open the app with a banner) → core
 *   (database, NP connection, demo mode) → IPC binding → hardened window → menu → show local data → startup
 *   refresh → updater (packaged, not demo).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { createAppCore, type AppCore, type AppCoreOptions } from '../compose/app-core';
import { DatabaseFileError } from '../core/db';
import { jstDateTimeLabel } from '../../shared/jst-date';
import { createFileSecretStore } from '../core/credentials/secret-store';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { appUrl } from './app-url';
import { bindIpc, pushEvent, type TrustedWindow } from './ipc';
import { setupLogging, openLogFolder } from './logging';
import { installMenu } from './menu';
import { lockNavigation } from './navigation';
import { createPrintWindows } from './print-window';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { startUpdater } from './updater';
import { createMainWindow } from './window';
import { messageOf } from '../../shared/error-message';

const APP_NAME = '後払いデスク';
const log = setupLogging(!app.isPackaged);
let core: AppCore | null = null;
/** Quitting waits this long at most for the store to close (a sync stuck on NP is already cut at 2 s). */
const QUIT_WAIT_MS = 5000;
let trusted: TrustedWindow | null = null;

/** better-sqlite3 built for Electron by build/postinstall.mjs (development only; packaged apps are rebuilt). */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

async function createWindow(): Promise<BrowserWindow> {
  const win = createMainWindow(join(import.meta.dirname, '..', 'preload', 'index.cjs'));
  const url = appUrl();
  trusted = { webContents: win.webContents, appUrl: url };
  lockNavigation(win.webContents, url);
  win.on('closed', () => (trusted = null));
  win.once('ready-to-show', () => {
    win.show();
    // The list shows local data first; the startup refresh runs after, in the sync bar.
    void core?.startLaunchSync();
  });
  await win.loadURL(url);
  return win;
}

/** A damaged store at startup: offer the newest good backup (docs/data.md), then open on it. */
async function openCoreOfferingBackup(options: AppCoreOptions): Promise<AppCore> {
  try {
    return await createAppCore(options);
  } catch (e) {
    const backup = e instanceof DatabaseFileError ? e.newestBackup : null;
    if (!backup) throw e;
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: APP_NAME,
      message: (e as Error).message,
      detail: `バックアップ「${backup.name}」（${jstDateTimeLabel(backup.at)}）から復元して起動しますか？ 今のファイルは「.damaged-…」として残します。`,
      buttons: ['バックアップから復元して起動', '終了'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) throw e;
    return createAppCore({ ...options, restoreBackup: backup.name });
  }
}

async function boot(): Promise<void> {
  await app.whenReady();
  serveAppScheme(join(import.meta.dirname, '..', 'renderer'));
  const dataDir = app.getPath('userData');
  // 帳票: 納品書 through a hidden window of the print view (a page next to the app's).
  const printWindows = createPrintWindows({
    preloadPath: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    pageUrl: (page) => appUrl(page),
    owner: () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null,
    documentsDir: () => app.getPath('documents'),
  });
  const secrets = createFileSecretStore(join(dataDir, 'credentials.bin'), createSafeStorageCipher());
  core = await openCoreOfferingBackup({
    dataDir,
    secrets,
    transport: 'ipc',
    version: app.getVersion(),
    log,
    nativeBinding: electronNativeBinding(),
    demoOrders: 300,
    ports: {
      exportTarget: async (suggestedName) => {
        const owner = BrowserWindow.getFocusedWindow();
        const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
        const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : { path: result.filePath, download: null };
      },
      printDeliveryNotes: (request) => printWindows.print(request),
      backupTarget: async (suggestedName) => {
        const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'SQLite', extensions: ['sqlite'] }] };
        const owner = BrowserWindow.getFocusedWindow();
        const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : { path: result.filePath, download: null };
      },
    },
  });
  bindIpc(ipcMain, core.dispatch, () => trusted, printWindows.trusted);
  core.subscribe((message) => pushEvent(trusted, message));
  installMenu(APP_NAME, { openLogFolder: () => void openLogFolder() });
  await createWindow();
  startUpdater(core, log, APP_NAME);
}

// Before `ready`: the renderer is served from atobarai://app (app-protocol.ts), never from local file URLs.
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Quitting waits for the core to close the store (at most QUIT_WAIT_MS): a clean close seals the file, so the
  // next start skips the full integrity check (core/db/clean-close.ts) — seconds at a large shop's store.
  let closing: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    const open = core;
    if (!open) return;
    event.preventDefault();
    closing ??= Promise.race([open.close(), new Promise<void>((resolve) => setTimeout(resolve, QUIT_WAIT_MS))])
      .catch((e: unknown) => log.error('closing the store failed', e))
      .finally(() => {
        core = null;
        app.quit();
      });
  });
  boot().catch((e: unknown) => {
    log.error('startup failed', e);
    dialog.showErrorBox(APP_NAME, `起動できませんでした。\n${messageOf(e)}`);
    app.exit(1);
  });
}
