/** Settling 「登録されたか不明」 registers in bulk (electron/core/np/settle.ts). */
import type { Handlers } from '../../../../shared/contract';
import { fileBytes } from '../../csv/service';
import { attachNpIdsFromCsv, reregisterAmbiguous } from '../../np/settle';
import type { CoreContext } from '../context';

type SettleHandlers = Pick<Handlers, 'npIdAttachCsv' | 'npReregisterAmbiguous'>;

export function npSettleHandlers(ctx: CoreContext): SettleHandlers {
  return {
    npIdAttachCsv: ({ file, apply }) => {
      const result = attachNpIdsFromCsv(ctx.session(), fileBytes(file), apply);
      if (apply && result.counts.attach) ctx.changed(result.lines.filter((l) => l.outcome === 'attach').map((l) => l.orderId as number));
      return result;
    },
    npReregisterAmbiguous: ({ orderIds }) => {
      const results = reregisterAmbiguous(ctx.session(), orderIds);
      ctx.changed(results.filter((r) => r.ok).map((r) => r.orderId));
      return { results };
    },
  };
}
