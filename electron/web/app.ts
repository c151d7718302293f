/**
 * The whole app in a browser: the core (real SQLite, real NP client, the embedded sandbox in demo mode)
 * behind the loopback browser host. Used by `npm run web`, the end-to-end tests and the benchmarks.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NpCredentials } from '../../shared/np/api-types';
import { createAppCore, type AppCore } from '../compose/app-core';
import { createMemorySecretStore } from '../core/credentials/secret-store';
import type { Logger } from '../core/app/logger';
import { csvExportFileName } from '../../shared/csv';
import { startBrowserHost, type BrowserHost } from './host';
import { ensureRendererBuilt } from './renderer-build';

export interface WebAppOptions {
  dataDir: string;
  port?: number;
  /** Start the embedded sandbox (unless npUrl) and seed demo orders on the first run. */
  demo?: boolean;
  /** How many demo orders (default 300). */
  demoOrders?: number;
  /** Talk to this NP (a sandbox started elsewhere, or NP's test environment) as the demo environment. */
  npUrl?: string;
  credentials?: NpCredentials;
  /** Serve this folder instead of building the renderer. */
  staticDir?: string;
  log?: Logger;
  /** Run the startup refresh at once (default true). */
  launchSync?: boolean;
  npTimeoutMs?: number;
  /** Restore this backup before opening (a damaged store; docs/data.md). */
  restoreBackup?: string;
  /** Send all mail to this SMTP server, without login (--smtp-host/--smtp-port). */
  smtp?: { host: string; port: number };
}

export interface WebApp {
  url: string;
  host: BrowserHost;
  core: AppCore;
  /** The embedded sandbox's admin prefix, when demo mode started one. */
  sandboxAdminUrl: string | null;
  sandboxUrl: string | null;
  stop(): Promise<void>;
}

/** The app's version as package.json says (設定 shows it; Electron reads the same through app.getVersion()). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export async function startWebApp(opts: WebAppOptions): Promise<WebApp> {
  const staticDir = opts.staticDir ?? (await ensureRendererBuilt((l) => opts.log?.info(l)));
  const downloadDir = join(opts.dataDir, 'exports');
  mkdirSync(downloadDir, { recursive: true, mode: 0o700 });
  const core = await createAppCore({
    dataDir: opts.dataDir,
    transport: 'http',
    version: packageVersion(),
    secrets: createMemorySecretStore(),
    log: opts.log,
    demoOrders: opts.demo ? (opts.demoOrders ?? 300) : 0,
    npTimeoutMs: opts.npTimeoutMs,
    restoreBackup: opts.restoreBackup,
    mail: opts.smtp ? { smtpOverride: opts.smtp } : undefined,
    sandboxTarget: opts.npUrl && opts.credentials ? { url: opts.npUrl, credentials: opts.credentials } : undefined,
    ports: {
      // The browser downloads the file from the host; the name carries the time so exports never collide.
      exportTarget: async (suggested) => {
        const name = suggested || csvExportFileName('orders', Date.now());
        return { path: join(downloadDir, name), download: name };
      },
    },
  });
  const host = await startBrowserHost({ port: opts.port ?? 0, staticDir, downloadDir, target: core });
  if (opts.launchSync !== false) void core.startLaunchSync();
  const sandbox = core.sandbox();
  return {
    url: host.url,
    host,
    core,
    sandboxAdminUrl: sandbox?.adminUrl ?? null,
    sandboxUrl: sandbox?.url ?? null,
    async stop() {
      await host.stop();
      await core.close();
    },
  };
}
