/** What the handler groups share: the current session, the event bus, the clock and the NP connection. */
import type { Events } from '../../../shared/contract';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { Session } from './session';
import type { SecretStore } from '../credentials/secret-store';
import type { Clock } from '../np/store';
import type { NpEndpointConfig } from './np-connection';
import type { NpEnvironment } from '../../../shared/np/api-types';

export interface ExportTarget {
  /** Where the file is written. */
  path: string;
  /** The browser host's download name, or null in Electron (the file went where staff chose). */
  download: string | null;
}

/** 納品書 output through Chromium's print engine (Electron: a hidden window of the print view). */
export interface DeliveryNotesPrintRequest {
  orderIds: number[];
  output: 'print' | 'pdf';
  /** Suggested name of the PDF. */
  fileName: string;
}

/** What differs between Electron and the browser host. */
export interface CorePorts {
  /** Electron: a save dialog (null = cancelled). Browser host: a file in its download folder. */
  exportTarget(suggestedName: string): Promise<ExportTarget | null>;
  /**
   * Electron: print (OS dialog) or save as PDF (save dialog); done = printed / saved. Absent in the browser
   * host, where the renderer opens the print view in a new tab and the tab calls window.print().
   */
  printDeliveryNotes?(request: DeliveryNotesPrintRequest): Promise<{ done: boolean; filePath: string | null }>;
  /** 設定 → バックアップ「別の場所に保存」: where a backup copy goes (default: exportTarget). */
  backupTarget?(suggestedName: string): Promise<ExportTarget | null>;
}

export interface CoreContext {
  session(): Session;
  bus: EventBus<Events>;
  clock: Clock;
  log: Logger;
  secrets: SecretStore;
  ports: CorePorts;
  transport: 'ipc' | 'http';
  version: string;
  /** Resolve the endpoint of an environment (sandbox URL, or NP with the stored credentials). */
  endpointFor(environment: NpEnvironment): Promise<NpEndpointConfig>;
  /** Re-read settings and credentials and point the NP client at the chosen environment. */
  reconnect(): Promise<void>;
  /** Why stored credentials cannot be read (startup fallback banner), or null; recheck after saving or clearing. */
  credentialsProblem(): string | null;
  recheckCredentials(): Promise<void>;
  /** Demo mode only: wipe the local data and the sandbox, seed new demo orders. */
  resetDemo(): Promise<number>;
  /** Tell the renderer which orders changed (null = reload the list). */
  changed(ids: number[] | null): void;
  /** The database file (backups/ is beside it). */
  dbFile: string;
  nativeBinding?: string;
  /** Close the store, run `between` on the closed files (a restore), open it again and reload the UI. */
  reopenStore(between: () => void): Promise<void>;
}
