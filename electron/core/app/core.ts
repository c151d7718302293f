/**
 * createCore: the application behind the contract, under plain Node. Electron (electron/main) and the
 * browser host (electron/web) each create one through the composition root (electron/compose/app-core.ts,
 * which gives it the demo NP) and bind its dispatch table to their transport.
 *
 *   open the database → settings → NP connection (the demo NP in demo mode) → seed demo orders on the
 *   first demo run → the dispatch table; startLaunchSync() runs the startup refresh after the UI shows.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiResult } from '../../../shared/api-result';
import { contract, type EventMessage, type Events, type Handlers } from '../../../shared/contract';
import type { NpEnvironment } from '../../../shared/np/api-types';
import { NP_BASE_URLS } from '../../../shared/np/api-types';
import type { SyncSummary } from '../../../shared/sync';
import type { SecretStore } from '../credentials/secret-store';
import { credentialProblem, isUnreadableCredentials } from '../credentials/credential-health';
import { createNpClient, type NpClient } from '../np/client';
import { systemClock, type Clock } from '../np/store';
import type { CoreContext, CorePorts } from './context';
import { createImportTracker, type CoreActivity } from './activity';
import { alignDemoOrders, seedDemoOrders } from './demo-seed';
import { createDispatcher, type Dispatch } from './dispatch';
import { mapCoreError } from './errors';
import { createEventBus } from './event-bus';
import { csvHandlers } from './handlers/csv';
import { dayWorkHandlers } from './handlers/day-work';
import { mailHandlers } from './handlers/mail';
import { createMailModule, type MailOptions } from '../mail';
import { documentHandlers } from './handlers/documents';
import { npHandlers } from './handlers/np-actions';
import { orderHandlers } from './handlers/orders';
import { settingsHandlers } from './handlers/settings';
import { zipHandlers } from './handlers/zip';
import { createConsoleLogger, type Logger } from './logger';
import { NpConnectionError, resolveNpEndpoint, type NpEndpointConfig, type SandboxTarget } from './np-connection';
import { openSession, type Session } from './session';
import { openStoreWithBackups, takeDataLock } from './store-backups';
import { backupHandlers } from './handlers/backups';
import { npSettleHandlers } from './handlers/np-settle';

export interface CoreOptions {
  /** The app's data folder: the database, the embedded sandbox's state, exports. */
  dataDir: string;
  secrets: SecretStore;
  ports: CorePorts;
  transport: 'ipc' | 'http';
  version?: string;
  clock?: Clock;
  log?: Logger;
  /** better-sqlite3 built for Electron (electron/main passes it; see build/postinstall.mjs). */
  nativeBinding?: string;
  /** The NP of the 'sandbox' (demo) environment; without it that environment has no NP to talk to. */
  demoNp?: DemoNp;
  /** Demo orders generated on the first demo run (0 = none). */
  demoOrders?: number;
  demoSeed?: number;
  /** Override NP's base URLs (tests point 'test' at a sandbox). */
  npBaseUrls?: Partial<Record<'test' | 'production', string>>;
  /** NP request timeout (default 30 s, NP's recommendation). */
  npTimeoutMs?: number;
  /** Take the data folder's lock (default true; docs/data.md). false only for tests of what happens without it. */
  dataLock?: boolean;
  /** Restore this backup (a name in backups/, or 'latest' good one) before opening: the damaged-store recovery. */
  restoreBackup?: string;
  /** Mail: e.g. send to another server (npm run web --smtp-host), shorter waits in tests. */
  mail?: MailOptions;
}

/** The NP the 'sandbox' environment talks to (the composition root gives the embedded sandbox or a given NP). */
export interface DemoNp {
  /** Its URL and credentials (starting it when needed). */
  target(): Promise<SandboxTarget>;
  /** Wipes its state (demo reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface Core {
  dispatch: Dispatch;
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** The startup refresh: call once the UI shows the local data. Never rejects. */
  startLaunchSync(): Promise<SyncSummary | null>;
  /** Whether a sync or an import runs now (the updater never restarts then). */
  activity(): CoreActivity;
  /** Demo mode (the embedded sandbox) rather than NP's test or production environment. */
  isDemo(): boolean;
  close(): Promise<void>;
}

export const DB_FILE = 'atobarai.sqlite';

export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createConsoleLogger();
  mkdirSync(opts.dataDir, { recursive: true });
  // One writer per data folder: a second app on the same folder stops here, naming the one that holds it.
  // A full disk has no room even for the lock file: then the store opens read-only (nobody can write anyway).
  const { lock, diskFull } = opts.dataLock === false ? { lock: null, diskFull: false } : takeDataLock(opts.dataDir, log);
  const dbFile = join(opts.dataDir, DB_FILE);
  const bus = createEventBus<Events>((e) => log.error('event listener failed', e));
  const baseUrlFor = (env: 'test' | 'production') => opts.npBaseUrls?.[env] ?? NP_BASE_URLS[env];

  let client: NpClient | null = null;
  let session: Session;
  /** Demo orders were just seeded: the next sync that reaches NP aligns their 対応状況 with NP's judgement. */
  let demoAlignPending = false;
  /** Why stored credentials cannot be read (the renderer shows a banner leading to 設定), or null. */
  let credentialsProblem: string | null = null;

  async function checkCredentials(): Promise<void> {
    credentialsProblem = await credentialProblem(opts.secrets);
    if (credentialsProblem) log.warn('stored NP credentials cannot be read; the app opens without them', credentialsProblem);
  }

  let readOnly: string | null = null;
  const open = (readonly = false): Session =>
    openSession({
      file: dbFile,
      readonly,
      nativeBinding: opts.nativeBinding,
      clock,
      log,
      getClient: () => client,
      onProgress: (progress) => bus.emit('syncProgress', progress),
      onChanged: (ids) => bus.emit('ordersChanged', { ids: ids.length > 200 ? null : ids }),
      onFinished: (summary) => {
        if (demoAlignPending && summary.online && !summary.error) {
          // The first sync after seeding judged the demo orders: make their 対応状況 agree (demo-seed.ts).
          demoAlignPending = false;
          const aligned = alignDemoOrders(session, clock.now());
          if (aligned.length) bus.emit('ordersChanged', { ids: aligned.length > 200 ? null : aligned });
        }
        bus.emit('syncFinished', summary);
        bus.emit('connectivity', { online: summary.online, message: summary.error?.message ?? null });
      },
    });

  async function endpointFor(environment: NpEnvironment): Promise<NpEndpointConfig> {
    if (environment === 'sandbox') return resolveNpEndpoint('sandbox', opts.secrets, opts.demoNp ? await opts.demoNp.target() : null);
    const endpoint = await resolveNpEndpoint(environment, opts.secrets, null);
    return { ...endpoint, baseUrl: baseUrlFor(environment) };
  }

  async function reconnect(): Promise<void> {
    const settings = session.settings.get();
    try {
      const endpoint = await endpointFor(settings.environment);
      client = createNpClient({ baseUrl: endpoint.baseUrl, credentials: endpoint.credentials, timeoutMs: opts.npTimeoutMs });
    } catch (e) {
      client = null;
      if (!(e instanceof NpConnectionError) && !isUnreadableCredentials(e)) throw e;
      log.warn(`NP connection not configured: ${e.message}`);
    }
    session.sync.stopTimer();
    if (settings.autoRefreshMinutes > 0 && !readOnly) session.sync.startTimer(settings.autoRefreshMinutes);
  }

  async function seedIfFirstDemoRun(): Promise<number> {
    if (session.settings.get().environment !== 'sandbox' || session.orders.count() > 0) return 0;
    const count = opts.demoOrders ?? 0;
    if (count === 0) return 0;
    return seedDemoOrders(session, { count, seed: opts.demoSeed ?? 20261128, now: clock.now() });
  }

  try {
    // Permissions, the launch backup (daily / before a schema update), a requested restore, then the session;
    // a damaged store's error carries the newest good backup.
    ({ session, readOnly } = await openStoreWithBackups({ dataDir: opts.dataDir, dbFile, now: clock.now(), nativeBinding: opts.nativeBinding, restore: opts.restoreBackup, log, open, diskFull }));
  } catch (e) {
    lock?.release();
    throw e;
  }
  await reconnect();
  await checkCredentials();
  const seeded = await seedIfFirstDemoRun();
  demoAlignPending = seeded > 0;
  if (seeded) log.info(`demo mode: ${seeded} demo orders generated; the first sync registers them with the sandbox`);

  const ctx: CoreContext = {
    session: () => session,
    bus,
    clock,
    log,
    secrets: opts.secrets,
    ports: opts.ports,
    transport: opts.transport,
    version: opts.version ?? '0.0.0',
    endpointFor,
    reconnect,
    credentialsProblem: () => credentialsProblem,
    recheckCredentials: checkCredentials,
    changed: (ids) => bus.emit('ordersChanged', { ids }),
    dbFile,
    nativeBinding: opts.nativeBinding,
    async reopenStore(between) {
      await session.close();
      try {
        between();
      } finally {
        session = open();
        await reconnect();
        bus.emit('ordersChanged', { ids: null });
      }
    },
    async resetDemo() {
      await session.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
      await opts.demoNp?.reset();
      session = open();
      await reconnect();
      const n = await seedIfFirstDemoRun();
      demoAlignPending = n > 0;
      bus.emit('ordersChanged', { ids: null });
      return n;
    },
  };

  const mail = createMailModule(ctx, opts.mail);
  const handlers: Handlers = {
    ...orderHandlers(ctx),
    ...npHandlers(ctx),
    ...settingsHandlers(ctx, baseUrlFor),
    ...csvHandlers(ctx),
    ...backupHandlers(ctx),
    ...npSettleHandlers(ctx),
    ...dayWorkHandlers(ctx),
    ...mailHandlers(ctx, mail),
    ...documentHandlers(ctx),
    ...zipHandlers(),
  };
  const dispatch = createDispatcher(contract, handlers, { log, mapError: (e) => mapCoreError(e, dbFile, readOnly) });
  const imports = createImportTracker();

  return {
    dispatch: (method: string, input: unknown): Promise<ApiResult<unknown>> => imports.track(method, () => dispatch(method, input)),
    subscribe: (listener) => bus.subscribe(listener),
    async startLaunchSync() {
      if (readOnly) return null; // a sync writes: not while the store is read-only
      try {
        return await session.sync.run('launch');
      } catch (e) {
        log.error('startup refresh failed', e);
        return null;
      }
    },
    activity: () => ({ syncing: session.sync.state().running, importing: imports.importing() }),
    isDemo: () => session.settings.get().environment === 'sandbox',
    async close() {
      await mail.stop();
      await session.close();
      lock?.release();
    },
  };
}
