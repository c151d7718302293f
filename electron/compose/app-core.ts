/**
 * The composition root shared by Electron (electron/main) and the browser host (electron/web): the core with
 * the NP it uses as the 'sandbox' (demo) environment — the embedded sandbox started on first need with the demo
 * rules and its state beside the database, or a given NP (the browser host's --np-url). The shipped core never
 * imports the sandbox; only this module does.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions, type DemoNp } from '../core/app/core';
import type { SandboxTarget } from '../core/app/np-connection';
import { DEMO_MERCHANT, DEMO_RULES, startSandbox, type RunningSandbox } from '../sandbox';

export const SANDBOX_FILE = 'np-sandbox.json';

export interface AppCoreOptions extends Omit<CoreOptions, 'demoNp'> {
  /** Use this NP server as the 'sandbox' environment instead of starting the embedded one (browser host --np-url). */
  sandboxTarget?: SandboxTarget;
}

export interface AppCore extends Core {
  /** The embedded sandbox, when demo mode started one. */
  sandbox(): RunningSandbox | null;
}

/** The embedded sandbox as the core's demo NP: started when first needed, wiped by a demo reset. */
function embeddedSandbox(dataDir: string): DemoNp & { running(): RunningSandbox | null } {
  const dataFile = join(dataDir, SANDBOX_FILE);
  let sandbox: RunningSandbox | null = null;
  const stop = async () => {
    const s = sandbox;
    sandbox = null;
    if (s) await s.stop();
  };
  return {
    async target() {
      sandbox ??= await startSandbox({ port: 0, rules: DEMO_RULES, dataFile });
      return { url: sandbox.url, credentials: { ...DEMO_MERCHANT } };
    },
    async reset() {
      await stop();
      if (existsSync(dataFile)) rmSync(dataFile);
    },
    stop,
    running: () => sandbox,
  };
}

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const { sandboxTarget, ...core } = opts;
  const embedded = sandboxTarget ? null : embeddedSandbox(opts.dataDir);
  const demoNp: DemoNp = embedded ?? { target: async () => sandboxTarget!, reset: async () => {}, stop: async () => {} };
  const created = await createCore({ ...core, demoNp });
  return {
    ...created,
    sandbox: () => embedded?.running() ?? null,
    async close() {
      await created.close();
      await demoNp.stop();
    },
  };
}
