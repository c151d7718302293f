/**
 * The building blocks of the contract (shared/contract.ts): a method is a zod input schema plus a
 * result type; an event is a payload type. The preload, the IPC binding, the browser host, the
 * renderer's client and the core's dispatch table are all typed from one contract object.
 */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I;
  /** Phantom: carries the result type only. */
  readonly __result?: R;
}

export function method<I extends z.ZodType>(input: I) {
  return { returns: <R>(): MethodSpec<I, R> => ({ input }) };
}

export interface EventSpec<P = unknown> {
  /** Phantom: carries the payload type only. */
  readonly __payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}

export type ContractShape = Record<string, MethodSpec>;
export type EventsShape = Record<string, EventSpec>;

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type ResultOf<M> = M extends MethodSpec<z.ZodType, infer R> ? R : never;
export type PayloadOf<E> = E extends EventSpec<infer P> ? P : never;

/** What the renderer calls: one async function per method. */
export type ClientOf<C extends ContractShape> = { [K in keyof C]: (input: InputOf<C[K]>) => Promise<ResultOf<C[K]>> };

/** What the core implements: one function per method, given the validated input. */
export type HandlersOf<C extends ContractShape> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>) => ResultOf<C[K]> | Promise<ResultOf<C[K]>>;
};

/** A pushed event as it travels (IPC message or server-sent event). */
export type EventMessageOf<E extends EventsShape> = { [K in keyof E]: { name: K; payload: PayloadOf<E[K]> } }[keyof E];
