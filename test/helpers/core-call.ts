/** A contract call on a core under test: the value, or an Error naming the method, the code and the message. */
import type { ApiResult } from '../../shared/api-result';
import type { Core } from '../../electron/core/app/core';

export async function callCore<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(method, input)) as ApiResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
