/**
 * The renderer's one door to the core: `api.<method>(input)` returns the result or throws ApiError
 * (with a Japanese message and field errors); `onEvent` subscribes to the contract's events.
 */
import { ApiError } from '../../../shared/api-result';
import { CONTRACT_METHODS } from '../../../shared/contract-names';
import type { Api, EventMessage } from '../../../shared/contract';
import { detectTransport, type Transport } from './transport';

let transport: Transport | null = null;
const current = (): Transport => (transport ??= detectTransport());

/** Tests inject a transport (e.g. one that calls a real dispatch table in-process). */
export function setTransport(t: Transport | null): void {
  transport = t;
}

export const api = Object.fromEntries(
  CONTRACT_METHODS.map((name) => [
    name,
    async (input: unknown) => {
      const result = await current().call(name, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
  ]),
) as unknown as Api;

export function onEvent(listener: (message: EventMessage) => void): () => void {
  return current().onEvent((name, payload) => listener({ name, payload } as EventMessage));
}

export function transportKind(): 'ipc' | 'http' {
  return current().kind;
}

/** The URL of a file the core wrote (browser host only). */
export function downloadUrl(path: string): string | null {
  return current().downloadUrl(path);
}

/** Browser host: hand a file the core wrote (download name) to the browser as a download. Electron: nothing to do. */
export function startDownload(download: string | null, fileName: string): void {
  const url = download ? downloadUrl(download) : null;
  if (!url) return;
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** A page of the app (the 納品書 print view) as a new tab opens it. */
export function pageUrl(page: string): string {
  return current().pageUrl?.(page) ?? page;
}

export { ApiError };
