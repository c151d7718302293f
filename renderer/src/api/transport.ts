/**
 * How the renderer reaches the core. In Electron the preload exposes window.atobarai (one function per
 * contract method); in a browser the same calls go to the loopback browser host as POST /api/<method>
 * with the run's token, and events arrive as server-sent events. The code above this file is the same.
 */
import type { ApiResult } from '../../../shared/api-result';
import { BRIDGE_GLOBAL, CONTRACT_EVENTS, CONTRACT_METHODS, type ContractMethod } from '../../../shared/contract-names';

export type EventListener = (name: string, payload: unknown) => void;

export interface Transport {
  kind: 'ipc' | 'http';
  call(method: ContractMethod, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** For files the core wrote (CSV exports) in the browser host. */
  downloadUrl(path: string): string | null;
  /** Another page of the app (the 納品書 print view) for a new tab: the browser host's needs the run's token. */
  pageUrl?(page: string): string;
}

type Bridge = Record<ContractMethod, (input: unknown) => Promise<ApiResult<unknown>>> & { onEvent(l: EventListener): () => void };

const TOKEN_KEY = 'atobarai.token';

function ipcTransport(bridge: Bridge): Transport {
  return {
    kind: 'ipc',
    call: (method, input) => bridge[method](input),
    onEvent: (listener) => bridge.onEvent(listener),
    downloadUrl: () => null,
    pageUrl: (page) => page,
  };
}

/** Reads the token from ?token=… once, keeps it for the tab, and removes it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = takeToken();
  const listeners = new Set<EventListener>();
  let source: EventSource | null = null;
  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of CONTRACT_EVENTS) {
      source.addEventListener(name, (e) => {
        const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
        for (const l of listeners) l(name, payload);
      });
    }
  };
  return {
    kind: 'http',
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-atobarai-token': token },
          body: JSON.stringify(input ?? null),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'アプリ本体に接続できません。ブラウザホストが起動しているか確認してください。' } };
      }
      if (res.status === 401 || res.status === 403) {
        return { ok: false, error: { code: 'forbidden', message: 'アクセスが許可されていません。起動時に表示されたURLから開き直してください。' } };
      }
      return (await res.json()) as ApiResult<unknown>;
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => listeners.delete(listener);
    },
    downloadUrl: (path) => `/download/${encodeURIComponent(path)}?token=${encodeURIComponent(token)}`,
    pageUrl: (page) => {
      const [path = '', hash] = page.split('#', 2);
      return `/${path}?token=${encodeURIComponent(token)}${hash === undefined ? '' : `#${hash}`}`;
    },
  };
}

export function detectTransport(): Transport {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as Bridge | undefined;
  if (bridge && CONTRACT_METHODS.every((m) => typeof bridge[m] === 'function')) return ipcTransport(bridge);
  return httpTransport();
}
