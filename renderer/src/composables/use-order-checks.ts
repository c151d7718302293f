/**
 * Questions asked before an order goes to NP, shared by 受注情報の編集 and 受注登録: the credit-limit warning
 * (the buyer's open NP total plus this order against the limit) and the three-way "also do X at NP?" choice.
 */
import { h, type VNode } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessageBox } from 'element-plus';
import { api } from '../api/client';
import { orderTotal, type OrderInput } from '../../../shared/order';
import { formatYen } from '../format';

export type Choice = 'yes' | 'no' | 'abort';

export function useOrderChecks() {
  const { t } = useI18n();

  /** True to go on registering; asks only when the buyer would pass the limit. */
  async function confirmCredit(input: OrderInput, excludeOrderId?: number): Promise<boolean> {
    const amount = orderTotal(input);
    const r = await api.buyerOutstanding({ tel: input.customer.tel, amount: Math.max(0, amount), ...(excludeOrderId ? { excludeOrderId } : {}) });
    return warnCredit({ ...r, amount });
  }

  /** The credit-limit warning for numbers the core computed (e.g. SavePlan.credit); true to go on. */
  async function warnCredit(r: { outstanding: number; amount: number; limit: number; wouldExceed: boolean }): Promise<boolean> {
    const { amount } = r;
    if (!r.wouldExceed) return true;
    try {
      await ElMessageBox.confirm(
        t('np.creditWarning', { outstanding: formatYen(r.outstanding), amount: formatYen(amount), limit: formatYen(r.limit) }),
        t('np.creditTitle'),
        { type: 'warning', confirmButtonText: t('np.creditContinue'), cancelButtonText: t('common.back') },
      );
      return true;
    } catch {
      return false;
    }
  }

  /** 「保存してNPもキャンセル」 / 「保存のみ」 / closed. */
  async function choose(message: string | VNode, yes: string, no: string, type: 'warning' | 'info' = 'warning'): Promise<Choice> {
    try {
      await ElMessageBox.confirm(message, t('common.confirm'), {
        type,
        confirmButtonText: yes,
        cancelButtonText: no,
        distinguishCancelAndClose: true,
      });
      return 'yes';
    } catch (action) {
      return action === 'cancel' ? 'no' : 'abort';
    }
  }

  async function confirm(message: string | VNode, yes: string, type: 'warning' | 'info' = 'warning'): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, t('common.confirm'), { type, confirmButtonText: yes, cancelButtonText: t('common.back') });
      return true;
    } catch {
      return false;
    }
  }

  /** A question plus the reminder to return stock by hand (cancellations). */
  function withStockReminder(message: string): VNode {
    return h('div', [h('p', { class: 'mb-question' }, message), h('p', { class: 'mb-reminder' }, t('np.stockReminder'))]);
  }

  return { confirmCredit, warnCredit, choose, confirm, withStockReminder };
}
