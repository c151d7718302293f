/**
 * The NP sandbox: a local NP後払い API server (docs/sandbox.md). Plain Node, no Electron.
 *
 *   const sb = await startSandbox({ port: 0 });
 *   // sb.url = 'http://127.0.0.1:<port>/v1', sb.adminUrl = 'http://127.0.0.1:<port>/__sandbox'
 *   await sb.stop();
 */
import type { AddressInfo } from 'node:net';
import { DEFAULT_RULES, DEMO_RULES, mergeRules } from './rules';
import { ADMIN_PREFIX, API_PREFIX, SandboxServer } from './server';

/** Addresses the sandbox may bind: this machine only (its admin prefix has no authentication). */
export const SANDBOX_BIND_HOSTS = ['127.0.0.1', 'localhost', '::1'];
import type { SandboxMerchant, SandboxRules } from './types';

export type { FaultConfig, FaultKind } from './faults';
export type { NpOp, SandboxMerchant, SandboxRules, SandboxTxnView } from './types';
export { DEFAULT_RULES, DEMO_RULES };

/** The documented demo merchant: used by `npm run sandbox` without codes and by the app's demo mode. */
export const DEMO_MERCHANT: SandboxMerchant = Object.freeze({
  merchantCode: 'akt0000001',
  spCode: 'sandbox-sp-0001',
  terminalId: '9000000001',
});

/** The port `npm run sandbox` uses unless told otherwise. */
export const DEFAULT_SANDBOX_PORT = 8675;

export interface StartSandboxOptions {
  /** 0 = a free port (tests). Default 0. */
  port?: number;
  /** Default 127.0.0.1; only loopback (SANDBOX_BIND_HOSTS) is accepted: the admin prefix has no authentication. */
  host?: string;
  /** Default [DEMO_MERCHANT]. */
  merchants?: SandboxMerchant[];
  /** Changes to DEFAULT_RULES (pass DEMO_RULES for demo mode). */
  rules?: Partial<SandboxRules>;
  /** The sandbox's base clock (default: real time); POST /__sandbox/clock advances it further. */
  clock?: () => Date;
  /** Keep state in this JSON file (written atomically after every change); default: memory only. */
  dataFile?: string;
}

export interface RunningSandbox {
  /** NP API base URL, e.g. http://127.0.0.1:8675/v1 */
  url: string;
  /** Admin prefix, e.g. http://127.0.0.1:8675/__sandbox */
  adminUrl: string;
  port: number;
  /** Closes the server, including hanging (timeout-fault) requests and keep-alive sockets. */
  stop(): Promise<void>;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const rules = mergeRules(DEFAULT_RULES, opts.rules ?? {});
  if (typeof rules === 'string') throw new Error(`invalid sandbox rules: ${rules}`);
  const merchants = opts.merchants ?? [DEMO_MERCHANT];
  if (merchants.length === 0) throw new Error('the sandbox needs at least one merchant');
  const host = opts.host ?? '127.0.0.1';
  if (!SANDBOX_BIND_HOSTS.includes(host)) {
    throw new Error(`the sandbox binds loopback only (${SANDBOX_BIND_HOSTS.join(', ')}); refusing "${host}": its admin prefix has no authentication`);
  }
  const server = new SandboxServer({ merchants, rules, clock: opts.clock ?? (() => new Date()), dataFile: opts.dataFile });
  await new Promise<void>((resolve, reject) => {
    server.http.once('error', reject);
    server.http.listen(opts.port ?? 0, host, () => {
      server.http.off('error', reject);
      resolve();
    });
  });
  const port = (server.http.address() as AddressInfo).port;
  server.acceptHostsFor(port, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}${API_PREFIX}`,
    adminUrl: `http://${urlHost}:${port}${ADMIN_PREFIX}`,
    port,
    stop: () => (stopping ??= server.close()),
  };
}
