/** The events main pushes to the renderer (the contract's events), fanned out to every transport. */
import type { EventMessageOf, EventsShape, PayloadOf } from '../../../shared/contract-kit';

export interface EventBus<E extends EventsShape> {
  emit<K extends keyof E & string>(name: K, payload: PayloadOf<E[K]>): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (message: EventMessageOf<E>) => void): () => void;
}

export function createEventBus<E extends EventsShape>(onListenerError?: (err: unknown) => void): EventBus<E> {
  const listeners = new Set<(message: EventMessageOf<E>) => void>();
  return {
    emit(name, payload) {
      const message = { name, payload } as unknown as EventMessageOf<E>;
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (err) {
          onListenerError?.(err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
