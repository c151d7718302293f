/**
 * The IPC binding: every contract method on its own channel, behind one wrapper that rejects senders
 * other than the app's own window and main frame, and hands the payload to the core's dispatch table
 * (which validates it with the contract's schema and answers a typed error instead of throwing).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiResult, Dispatch } from '../../shared/api-result';
import { CONTRACT_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/contract-names';
import { isAppUrl } from './navigation';

export interface TrustedWindow {
  webContents: WebContents;
  appUrl: string;
}

export const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'このウィンドウからの操作は許可されていません。' },
};

export function isTrustedSender(event: IpcMainInvokeEvent, trusted: TrustedWindow | null): boolean {
  if (!trusted) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender.id !== trusted.webContents.id) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url, trusted.appUrl);
}

/** `getOthers`: further trusted windows besides the app window (the 納品書 print windows while they print). */
export function bindIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  getTrusted: () => TrustedWindow | null,
  getOthers: () => readonly TrustedWindow[] = () => [],
): () => void {
  for (const method of CONTRACT_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, input: unknown) => {
      if (![getTrusted(), ...getOthers()].some((trusted) => isTrustedSender(event, trusted))) return FORBIDDEN;
      return dispatch(method, input);
    });
  }
  return () => {
    for (const method of CONTRACT_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}

/** Pushes one contract event to the window. */
export function pushEvent(trusted: TrustedWindow | null, message: { name: string; payload: unknown }): void {
  if (trusted && !trusted.webContents.isDestroyed()) trusted.webContents.send(IPC_EVENT_CHANNEL, message);
}
