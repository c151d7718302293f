/**
 * The mail side of the order list: the 「一括通知」 checkboxes (their own selection, as in the seed), the メール
 * column's summaries (fetched in one call for the rows on screen, refreshed when the core says mails changed),
 * and which orders the send dialog is open for.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import { api } from '../../api/client';
import type { MailSummary } from '../../../../shared/mail/types';

const FETCH_DELAY_MS = 30;

export const useMailStore = defineStore('mail', () => {
  const notify = ref<Set<number>>(new Set());
  const summaries = shallowRef(new Map<number, MailSummary>());
  const sendFor = ref<number[] | null>(null);
  /** Bumped when mails changed, so an open history or progress view reloads. */
  const version = ref(0);
  const wanted = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    timer = null;
    const ids = [...wanted].slice(0, 1000);
    ids.forEach((id) => wanted.delete(id));
    if (ids.length === 0) return;
    try {
      for (const s of await api.mailSummaries({ orderIds: ids })) summaries.value.set(s.orderId, s);
      triggerRef(summaries);
    } catch {
      // The column shows nothing for these rows; the next change or scroll asks again.
    }
    if (wanted.size) timer = setTimeout(() => void flush(), FETCH_DELAY_MS);
  }

  /** The summary of a row on screen (undefined until fetched; the fetch is batched with the other rows). */
  function summaryOf(orderId: number): MailSummary | undefined {
    const s = summaries.value.get(orderId);
    if (!s && !wanted.has(orderId)) {
      wanted.add(orderId);
      timer ??= setTimeout(() => void flush(), FETCH_DELAY_MS);
    }
    return s;
  }

  function changed(orderIds: number[]): void {
    for (const id of orderIds) {
      summaries.value.delete(id);
      wanted.add(id);
    }
    triggerRef(summaries);
    timer ??= setTimeout(() => void flush(), FETCH_DELAY_MS);
    version.value++;
  }

  function toggle(orderId: number): void {
    const next = new Set(notify.value);
    if (!next.delete(orderId)) next.add(orderId);
    notify.value = next;
  }

  return {
    notify,
    summaries,
    sendFor,
    version,
    summaryOf,
    changed,
    toggle,
    clearNotify: () => (notify.value = new Set()),
    openSend: (orderIds: number[]) => (sendFor.value = orderIds),
    closeSend: () => (sendFor.value = null),
  };
});
