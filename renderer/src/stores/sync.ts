/**
 * The sync bar's state: the core's SyncState, kept current by the syncProgress / syncFinished /
 * connectivity events. The core runs the startup refresh and the timer by itself; this store only shows them
 * and starts a manual refresh.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api/client';
import type { SyncProgress, SyncState, SyncSummary } from '../../../shared/sync';
import { messageOf } from '../../../shared/error-message';

const EMPTY: SyncState = { running: false, progress: null, lastRun: null, lastSuccessAt: null, online: true, pendingActions: 0 };

export const useSyncStore = defineStore('sync', () => {
  const state = ref<SyncState>({ ...EMPTY });
  const connectivityMessage = ref<string | null>(null);
  const startError = ref<string | null>(null);

  const running = computed(() => state.value.running);
  const offline = computed(() => !state.value.online);

  async function refreshState(): Promise<void> {
    state.value = await api.syncState(undefined);
  }

  /** 「NP後払いステータス更新」: the core answers when the run is over (progress arrives as events meanwhile). */
  async function start(): Promise<SyncSummary | null> {
    startError.value = null;
    state.value = { ...state.value, running: true };
    try {
      const summary = await api.startSync(undefined);
      applyFinished(summary);
      await refreshState();
      return summary;
    } catch (e) {
      startError.value = messageOf(e);
      await refreshState().catch(() => undefined);
      return null;
    }
  }

  let stateTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bursts of events (a sync touching many orders) re-read the state at most every 500 ms. */
  function scheduleStateRefresh(): void {
    if (stateTimer) return;
    stateTimer = setTimeout(() => {
      stateTimer = null;
      void refreshState().catch(() => undefined);
    }, 500);
  }

  function applyProgress(p: SyncProgress): void {
    state.value = { ...state.value, running: p.phase !== 'done', progress: p };
  }

  function applyFinished(summary: SyncSummary): void {
    state.value = {
      ...state.value,
      running: false,
      progress: null,
      lastRun: summary,
      online: summary.online,
      lastSuccessAt: summary.online && !summary.error ? summary.finishedAt : state.value.lastSuccessAt,
    };
  }

  function applyConnectivity(online: boolean, message: string | null): void {
    state.value = { ...state.value, online };
    connectivityMessage.value = message;
  }

  return { state, running, offline, connectivityMessage, startError, refreshState, scheduleStateRefresh, start, applyProgress, applyFinished, applyConnectivity };
});
