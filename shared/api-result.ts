/**
 * What every contract call answers: a value, or a typed error with a Japanese message for staff.
 * Handlers never throw across a transport; the client turns an error result into an ApiError.
 */
export const API_ERROR_CODES = [
  'validation', // the input does not match the method's schema (fields say where)
  'not_found', // the order (or other record) does not exist
  'refused', // the action is not allowed now (e.g. the NP status does not allow 取引修正)
  'conflict', // e.g. 注文番号 already exists
  'credentials', // NP credentials missing, wrong (401/403) or cannot be stored
  'np', // NP answered with an error
  'storage', // the disk said no: full, read-only, no permission (the message names the path)
  'offline', // NP cannot be reached
  'forbidden', // the caller is not the app (foreign IPC sender, bad token)
  'unknown_method',
  'internal', // a bug: details are in the log, never in the message
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiFieldError {
  path: string; // e.g. 'customer.tel'
  message: string; // Japanese
}

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string; // Japanese, shown to staff as is
  fields?: ApiFieldError[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** A dispatch table: any method name and payload in, a result out, never a throw (electron/core/app/dispatch.ts). */
export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: ApiFieldError[];
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields ?? [];
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.fields.length ? { fields: this.fields } : {}) };
  }
}
