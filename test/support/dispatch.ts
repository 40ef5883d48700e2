import type { Caller, Dispatch } from '../../src/main/api/dispatcher';
import type { ApiErrorBody, ApiResult } from '../../src/shared/api/result';

/**
 * Calls through the API dispatcher as a window would, for tests: `call` answers the result,
 * `ok` its value (failing the test with the error otherwise), `fails` the error it must give.
 * `dispatch` and the default caller are read at each call (tests set them up in beforeAll).
 */
export function apiCalls(dispatch: () => Dispatch, defaultCaller: () => Caller) {
  const call = (method: string, input: unknown, caller: Caller = defaultCaller()): Promise<ApiResult<unknown>> => dispatch()(caller, method, input);
  const ok = async <T>(method: string, input: unknown, caller?: Caller): Promise<T> => {
    const r = await call(method, input, caller);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const fails = async (method: string, input: unknown, caller?: Caller): Promise<ApiErrorBody> => {
    const r = await call(method, input, caller);
    if (r.ok) throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
    return r.error;
  };
  return { call, ok, fails };
}
