/**
 * 帳票 (issue 11): the rows checked for 「一括出力」 (the list's 帳票 column; separate from the row selection of
 * the bulk NP actions), and the outputs — 納品書 (Electron: print or PDF through the core; browser host: the
 * print view in a new tab) and 送り状データ. What an output means (which orders, marking them 出力済み) is decided
 * by the core; this store only asks and shows.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, pageUrl, transportKind } from '../api/client';
import type { CarrierCsvKind, CarrierCsvResult } from '../../../shared/carrier-csv';
import { DELIVERY_NOTES_MAX, type DeliveryNotesOutput } from '../../../shared/delivery-note';

export type NotesOutcome = DeliveryNotesOutput | { status: 'popup_blocked' };

export const useDocumentsStore = defineStore('documents', () => {
  const checked = shallowRef<ReadonlySet<number>>(new Set());
  const busy = ref(false);

  function toggleChecked(id: number): void {
    const next = new Set(checked.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    checked.value = next;
  }
  function clearChecked(): void {
    checked.value = new Set();
  }

  /** 納品書 for these orders (≤ DELIVERY_NOTES_MAX); 'print' or 'pdf' matters in Electron only. */
  async function outputNotes(orderIds: number[], output: 'print' | 'pdf' = 'print'): Promise<NotesOutcome> {
    busy.value = true;
    try {
      const result = await api.outputDeliveryNotes({ orderIds, output });
      if (result.status === 'browser') {
        const tab = window.open(pageUrl(result.page), '_blank');
        if (!tab) return { status: 'popup_blocked' };
      }
      return result;
    } finally {
      busy.value = false;
    }
  }

  /** 送り状データ; shipDate 'YYYY-MM-DD' (JST), default today. */
  async function carrierCsv(carrier: CarrierCsvKind, orderIds: number[], shipDate?: string): Promise<CarrierCsvResult> {
    busy.value = true;
    try {
      return await api.carrierCsvExport({ orderIds, carrier, ...(shipDate && { shipDate }) });
    } finally {
      busy.value = false;
    }
  }

  return { checked, busy, toggleChecked, clearChecked, outputNotes, carrierCsv, max: DELIVERY_NOTES_MAX, isElectron: () => transportKind() === 'ipc' };
});
