/**
 * 納品書 output in Electron (帳票, issue 11): a hidden, hardened window loads the renderer's print view
 * (print.html#ids=…), waits until it says every note is laid out with its fonts loaded (the title becomes
 * 「納品書（N件）」), then either opens the OS print dialog (webContents.print) or asks where to save and writes
 * webContents.printToPDF (A4 from the page's @page rule). While a job runs its window may call the contract
 * (it reads the notes through deliveryNotes): the IPC binding trusts it through `trusted()`.
 * The core decides what an output means (marking the orders 出力済み when done).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, dialog, type WebContents } from 'electron';
import { PRINT_PAGE, PRINT_READY_TITLE_PREFIX, printViewHash } from '../../shared/delivery-note';
import type { DeliveryNotesPrintRequest } from '../core/app/context';
import type { TrustedWindow } from './ipc';
import { lockNavigation } from './navigation';

export interface PrintWindowDeps {
  preloadPath: string;
  /** The app URL of a page of the renderer ('print.html' → atobarai://app/print.html, or the dev server's). */
  pageUrl(page: string): string;
  /** The window the dialogs belong to. */
  owner(): BrowserWindow | null;
  /** Where the save dialog starts. */
  documentsDir(): string;
  /** How long the print view may take to lay out its notes (default 5 minutes: 1,000 notes take far less). */
  readyTimeoutMs?: number;
}

export interface PrintWindows {
  print(request: DeliveryNotesPrintRequest): Promise<{ done: boolean; filePath: string | null }>;
  /** The print windows of running jobs, for the IPC sender check. */
  trusted(): readonly TrustedWindow[];
}

function createPrintWindow(preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    title: '納品書',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Resolves when the print view's title says it is ready; rejects on a failed load or after the timeout. */
function whenReady(contents: WebContents, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('納品書の準備が時間内に終わりませんでした。件数を減らしてもう一度出力してください。')), timeoutMs);
    const onTitle = (_e: unknown, title: string) => {
      if (title.startsWith(`${PRINT_READY_TITLE_PREFIX}（`)) finish(null);
    };
    const onFail = (_e: unknown, code: number, description: string) => finish(new Error(`納品書の画面を開けませんでした（${description || code}）。`));
    function finish(err: Error | null): void {
      clearTimeout(timer);
      contents.removeListener('page-title-updated', onTitle);
      contents.removeListener('did-fail-load', onFail);
      if (err) reject(err);
      else resolve();
    }
    contents.on('page-title-updated', onTitle);
    contents.on('did-fail-load', onFail);
  });
}

function printDialog(contents: WebContents): Promise<boolean> {
  return new Promise((resolve) => {
    contents.print({ silent: false, printBackground: true }, (success) => resolve(success)); // false: cancelled or failed
  });
}

export function createPrintWindows(deps: PrintWindowDeps): PrintWindows {
  const running = new Set<TrustedWindow>();

  async function savePdf(contents: WebContents, fileName: string): Promise<string | null> {
    const owner = deps.owner();
    const options = { defaultPath: join(deps.documentsDir(), fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    const pdf = await contents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    await writeFile(choice.filePath, pdf);
    return choice.filePath;
  }

  return {
    trusted: () => [...running],
    async print({ orderIds, output, fileName }) {
      const base = deps.pageUrl(PRINT_PAGE);
      const win = createPrintWindow(deps.preloadPath);
      const entry: TrustedWindow = { webContents: win.webContents, appUrl: base };
      lockNavigation(win.webContents, base);
      running.add(entry);
      try {
        const ready = whenReady(win.webContents, deps.readyTimeoutMs ?? 5 * 60_000);
        await win.loadURL(`${base}${printViewHash(orderIds, false)}`);
        await ready;
        if (output === 'print') return { done: await printDialog(win.webContents), filePath: null };
        const filePath = await savePdf(win.webContents, fileName);
        return { done: filePath !== null, filePath };
      } finally {
        running.delete(entry);
        win.destroy();
      }
    },
  };
}
