/**
 * Component-test helpers: mount with the app's real plugins (Pinia, vue-i18n with the real catalogues,
 * Element Plus), and a small in-memory transport so components that call the contract client get answers
 * without a core. Handlers validate their input with the contract's own zod schemas, so a component sending
 * a wrong shape fails the test exactly as the core would refuse it.
 */
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, getActivePinia, setActivePinia, type Pinia } from 'pinia';
import type { Component } from 'vue';
import { contract, type Contract } from '../../shared/contract';
import type { ContractMethod } from '../../shared/contract-names';
import type { ApiResult } from '../../shared/api-result';
import type { ResultOf } from '../../shared/contract-kit';
import { setTransport, type ApiError } from '../../renderer/src/api/client';
import type { Transport } from '../../renderer/src/api/transport';
import { createAppI18n } from '../../renderer/src/i18n';

type Handler<K extends ContractMethod> = (input: never) => ResultOf<Contract[K]> | Promise<ResultOf<Contract[K]>>;
export type Handlers = { [K in ContractMethod]?: Handler<K> };

export interface Call {
  method: ContractMethod;
  input: unknown;
}

export interface MemoryTransport extends Transport {
  calls: Call[];
  emit(name: string, payload: unknown): void;
}

/** Installs a transport answering from `handlers` (after validating the input with the contract's schema). */
export function useMemoryTransport(handlers: Handlers): MemoryTransport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const calls: Call[] = [];
  const t: MemoryTransport = {
    kind: 'http',
    calls,
    async call(method, input): Promise<ApiResult<unknown>> {
      calls.push({ method, input });
      const parsed = contract[method].input.safeParse(input);
      if (!parsed.success) {
        return { ok: false, error: { code: 'validation', message: `入力が正しくありません: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` } };
      }
      const h = handlers[method] as ((i: unknown) => unknown) | undefined;
      if (!h) return { ok: false, error: { code: 'unknown_method', message: `テストで用意していないメソッド: ${method}` } };
      try {
        return { ok: true, value: await h(parsed.data) };
      } catch (e) {
        const err = e as ApiError;
        return { ok: false, error: { code: err.code ?? 'internal', message: err.message, fields: err.fields } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    downloadUrl: () => null,
    emit(name, payload) {
      for (const l of listeners) l(name, payload);
    },
  };
  setTransport(t);
  return t;
}

export function freshPinia(): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/** Mounts with Pinia (the active one — call freshPinia() in beforeEach — or a new one), Japanese i18n and Element Plus. */
export function mountApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>) {
  const pinia = getActivePinia() ?? freshPinia();
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [pinia, createAppI18n('ja'), ElementPlus], ...(options.global ?? {}) },
  } as ComponentMountingOptions<C>);
}

/** Lets promises and Vue's scheduler settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
