/**
 * What the core is doing that must not be cut off: a sync run, or an import being written. The updater
 * (electron/updates) asks this before it offers to restart, and waits while anything runs.
 */
import type { ContractMethod } from '../../../shared/contract-names';

export interface CoreActivity {
  syncing: boolean;
  importing: boolean;
}

/** Contract methods that write an import; a restart must wait for them. */
export const IMPORT_METHODS: ReadonlySet<ContractMethod> = new Set<ContractMethod>(['csvImportCommit', 'csvShipmentsApply']);

export interface ImportTracker {
  /** Runs one dispatch, counting it while it is in flight when it is an import. */
  track<T>(method: string, run: () => Promise<T>): Promise<T>;
  importing(): boolean;
}

export function createImportTracker(): ImportTracker {
  let running = 0;
  return {
    async track(method, run) {
      if (!IMPORT_METHODS.has(method as ContractMethod)) return run();
      running++;
      try {
        return await run();
      } finally {
        running--;
      }
    },
    importing: () => running > 0,
  };
}
