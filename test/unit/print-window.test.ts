/**
 * The Electron side of 「帳票出力」 with a stand-in for Electron (no binary here): the hidden print window is
 * hardened, loads the print view for exactly these orders, is trusted by the IPC binding only while its job
 * runs, prints through webContents.print (done = the OS dialog printed), and saves printToPDF's bytes where the
 * save dialog says (nothing written when cancelled).
 */
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeContents extends EventEmitter {
  id: number;
  session: { setPermissionRequestHandler: () => void };
  setWindowOpenHandler: () => void;
  print: (opts: unknown, cb: (ok: boolean, reason: string) => void) => void;
  printToPDF: (opts: unknown) => Promise<Buffer>;
}
const created: { options: { webPreferences: Record<string, unknown> }; contents: FakeContents; loaded: string[]; destroyed: boolean }[] = [];
let printAnswer = true;
let saveAnswer: { canceled: boolean; filePath?: string } = { canceled: true };
const pdfOptions: unknown[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: FakeContents;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const contents = Object.assign(new EventEmitter(), {
        id: 100 + created.length,
        session: { setPermissionRequestHandler: () => undefined },
        setWindowOpenHandler: () => undefined,
        print: (_o: unknown, cb: (ok: boolean, reason: string) => void) => setTimeout(() => cb(printAnswer, printAnswer ? '' : 'Print job canceled'), 1),
        printToPDF: async (o: unknown) => {
          pdfOptions.push(o);
          return Buffer.from('%PDF-1.4 fake');
        },
      }) as FakeContents;
      this.webContents = contents;
      created.push({ options, contents, loaded: [], destroyed: false });
    }
    async loadURL(url: string): Promise<void> {
      const entry = created.find((c) => c.contents === this.webContents)!;
      entry.loaded.push(url);
      // The print view sets its title once the notes are laid out.
      setTimeout(() => this.webContents.emit('page-title-updated', {}, '納品書（2件）'), 5);
    }
    destroy(): void {
      created.find((c) => c.contents === this.webContents)!.destroyed = true;
    }
  }
  return {
    BrowserWindow,
    dialog: { showSaveDialog: vi.fn(async () => saveAnswer) },
    shell: { openExternal: vi.fn() },
  };
});

import { createPrintWindows } from '../../electron/main/print-window';

const dir = mkdtempSync(join(tmpdir(), 'print-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('print window (納品書 output in Electron)', () => {
  const windows = createPrintWindows({
    preloadPath: '/app/out/preload/index.cjs',
    pageUrl: (page) => `atobarai://app/${page}`,
    owner: () => null,
    documentsDir: () => dir,
    readyTimeoutMs: 2000,
  });
  beforeEach(() => {
    created.length = 0;
    printAnswer = true;
    saveAnswer = { canceled: true };
  });

  it('opens a hidden, hardened window of the print view for these orders and prints through the OS dialog', async () => {
    const job = windows.print({ orderIds: [3, 1], output: 'print', fileName: '納品書.pdf' });
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(windows.trusted().map((t) => t.appUrl)).toEqual(['atobarai://app/print.html']); // trusted while printing
    expect(await job).toEqual({ done: true, filePath: null });
    const [w] = created;
    expect(w!.loaded).toEqual(['atobarai://app/print.html#ids=3,1']);
    expect(w!.options).toMatchObject({ show: false });
    expect(w!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/out/preload/index.cjs' });
    expect(w!.destroyed).toBe(true);
    expect(windows.trusted()).toEqual([]); // and no longer afterwards
  });

  it('reports a cancelled print dialog as not done', async () => {
    printAnswer = false;
    expect(await windows.print({ orderIds: [1], output: 'print', fileName: 'x.pdf' })).toEqual({ done: false, filePath: null });
  });

  it('saves printToPDF (A4, the page’s @page size) where the save dialog says; nothing when cancelled', async () => {
    expect(await windows.print({ orderIds: [1], output: 'pdf', fileName: 'x.pdf' })).toEqual({ done: false, filePath: null });
    const target = join(dir, '納品書_20261128_1204.pdf');
    saveAnswer = { canceled: false, filePath: target };
    expect(await windows.print({ orderIds: [1, 2], output: 'pdf', fileName: '納品書_20261128_1204.pdf' })).toEqual({ done: true, filePath: target });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.4 fake');
    expect(pdfOptions.at(-1)).toEqual({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});

describe('IPC binding with print windows', () => {
  it('answers a print window only while it is trusted, and only from the app’s own pages', async () => {
    const { bindIpc, FORBIDDEN } = await import('../../electron/main/ipc');
    const { ipcChannel } = await import('../../shared/contract-names');
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const ipcMain = { handle: (ch: string, fn: (e: unknown, i: unknown) => Promise<unknown>) => handlers.set(ch, fn), removeHandler: (ch: string) => handlers.delete(ch) };
    const printUrl = 'atobarai://app/print.html';
    let others: { webContents: never; appUrl: string }[] = [];
    bindIpc(ipcMain as never, async () => ({ ok: true as const, value: 'notes' }), () => null, () => others);
    const frame = { url: `${printUrl}#ids=1,2` };
    const event = { sender: { id: 42, mainFrame: frame }, senderFrame: frame };
    const call = () => handlers.get(ipcChannel('deliveryNotes'))!(event, { orderIds: [1] });
    expect(await call()).toEqual(FORBIDDEN);
    others = [{ webContents: { id: 42 } as never, appUrl: printUrl }];
    expect(await call()).toEqual({ ok: true, value: 'notes' });
    const elsewhere = { url: 'https://example.com/print.html' };
    expect(await handlers.get(ipcChannel('deliveryNotes'))!({ sender: { id: 42, mainFrame: elsewhere }, senderFrame: elsewhere }, {})).toEqual(FORBIDDEN);
  });

  it('print.html carries the same strict CSP as the app page', async () => {
    const { RENDERER_CSP } = await import('../../shared/csp');
    const html = readFileSync('renderer/print.html', 'utf8');
    expect(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/u.exec(html)?.[1]).toBe(RENDERER_CSP);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/u); // no inline scripts
  });
});
