/**
 * The process the mail crash test kills.
 *   node --import tsx crash-child.ts <db file> <smtp port> queue <orderId,…>   queues the mails, prints "queued", then hangs
 *   node --import tsx crash-child.ts <db file> <smtp port> send                 sends until the outbox is empty, prints "done"
 * In send mode it prints "step" each time a mail changes state, so the parent can kill it in the middle.
 */
import { loopbackSender, openMailDb } from './setup';

const [file, port, mode, orderIds] = process.argv.slice(2);
if (!file || !port || !mode) throw new Error('usage: crash-child.ts <db file> <smtp port> queue|send [orderIds]');
const { db, mail } = openMailDb(file);

if (mode === 'queue') {
  const ids = (orderIds ?? '').split(',').map(Number);
  mail.queue('order_received', ids, { resend: false, origin: 'manual' });
  process.stdout.write('queued\n');
  setInterval(() => undefined, 1000); // the moment between queueing and sending, held until the kill
} else {
  const sender = loopbackSender(mail, () => Number(port), { onChanged: () => process.stdout.write('step\n') });
  const timer = setInterval(() => {
    const busy = db.prepare("SELECT count(*) FROM mail_outbox WHERE state IN ('queued', 'sending')").pluck().get() as number;
    if (busy > 0) return;
    clearInterval(timer);
    void sender.stop().then(() => {
      db.close();
      process.stdout.write('done\n');
    });
  }, 10);
}
