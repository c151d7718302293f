/**
 * The one dispatch table both transports (Electron IPC and the browser host) call:
 * method name → validate input with the contract's zod schema → handler → typed result.
 * Nothing thrown inside a handler crosses the transport: expected failures become typed errors with a
 * Japanese message, anything else becomes 'internal' (details go to the log, never to the renderer).
 */
import type { z } from 'zod';
import { ApiError, type ApiErrorBody, type ApiFieldError, type Dispatch } from '../../../shared/api-result';
import type { ContractShape, HandlersOf } from '../../../shared/contract-kit';

export type { Dispatch };

export interface DispatchLog {
  error(message: string, detail?: unknown): void;
}

/** Turns a thrown value into a typed error when it is an expected one; null means "a bug". */
export type ErrorMapper = (err: unknown) => ApiErrorBody | null;

export function zodFieldErrors(error: z.ZodError): ApiFieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(入力)',
    message: issue.message,
  }));
}

export function validationMessage(fields: ApiFieldError[]): string {
  const first = fields[0];
  if (!first) return '入力内容に誤りがあります。';
  const more = fields.length > 1 ? ` ほか${fields.length - 1}件` : '';
  // The message names the field in Japanese; the path (e.g. 'order.customer.tel') stays in `fields` for the UI.
  return `入力内容に誤りがあります（${first.message}${more}）。`;
}

export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: HandlersOf<C>,
  opts: { log: DispatchLog; mapError?: ErrorMapper },
): Dispatch {
  return async (method, input) => {
    if (!Object.hasOwn(contract, method)) {
      return { ok: false, error: { code: 'unknown_method', message: `不明な操作です（${method}）。` } };
    }
    const spec = contract[method as keyof C]!;
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const fields = zodFieldErrors(parsed.error);
      return { ok: false, error: { code: 'validation', message: validationMessage(fields), fields } };
    }
    try {
      const handler = handlers[method as keyof C] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toBody() };
      const mapped = opts.mapError?.(err);
      if (mapped) return { ok: false, error: mapped };
      opts.log.error(`handler ${method} failed`, err);
      return {
        ok: false,
        error: { code: 'internal', message: '内部エラーが発生しました。操作は保存されていない可能性があります。ログを確認してください。' },
      };
    }
  };
}
