/**
 * Subscribes the stores to the core's events for the app's lifetime: sync progress and results go to the sync
 * bar, ordersChanged reloads what the list shows (and tells the open dialog), connectivity flips the offline
 * notice.
 */
import { onBeforeUnmount } from 'vue';
import { onEvent } from '../api/client';
import { useSyncStore } from '../stores/sync';
import { useOrderListStore } from '../stores/order-list';
import { useMailStore } from '../features/mail/mail-store';

export function useCoreEvents(onOrdersChanged?: (ids: number[] | null) => void): void {
  const sync = useSyncStore();
  const orders = useOrderListStore();
  const mail = useMailStore();
  const off = onEvent((m) => {
    switch (m.name) {
      case 'syncProgress':
        sync.applyProgress(m.payload);
        break;
      case 'syncFinished':
        sync.applyFinished(m.payload);
        sync.scheduleStateRefresh();
        orders.scheduleRefresh();
        break;
      case 'ordersChanged':
        orders.scheduleRefresh();
        sync.scheduleStateRefresh();
        onOrdersChanged?.(m.payload.ids);
        break;
      case 'connectivity':
        sync.applyConnectivity(m.payload.online, m.payload.message);
        break;
      case 'mailChanged':
        mail.changed(m.payload.orderIds);
        break;
    }
  });
  onBeforeUnmount(off);
}
