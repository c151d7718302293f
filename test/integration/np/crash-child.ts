/**
 * The process the crash test kills: opens the store, syncs with the sandbox until the outbox is empty.
 * Usage: node --import tsx crash-child.ts <db file> <sandbox /v1 url>
 * Prints "ready" when the first sync starts, "step" at every progress event and "done" at the end; the parent
 * kills it in between.
 */
import { openDatabase } from '../../../electron/core/db';
import { createNpClient } from '../../../electron/core/np/client';
import { createNpService } from '../../../electron/core/np/np-service';
import { createSyncEngine } from '../../../electron/core/np/sync-engine';
import { DEMO_MERCHANT } from '../../../electron/sandbox';

const [file, url] = process.argv.slice(2);
if (!file || !url) throw new Error('usage: crash-child.ts <db file> <sandbox url>');
const db = openDatabase(file);
const np = createNpService(db);
const client = createNpClient({ baseUrl: url, credentials: DEMO_MERCHANT, timeoutMs: 1000 });
const engine = createSyncEngine({
  db,
  np,
  getClient: () => client,
  batchSize: 8,
  registerBatchSize: 8,
  concurrency: 2,
  retry: { attempts: 3, baseMs: 5, maxMs: 20 },
  onProgress: () => process.stdout.write('step\n'),
});
process.stdout.write('ready\n');
for (let i = 0; i < 20; i++) {
  await engine.run();
  if (np.pendingCount() === 0) break;
}
await engine.run();
db.close();
process.stdout.write('done\n');
