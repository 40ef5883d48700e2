import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { ADMIN_PASSWORD, tempApp, type TempApp } from './temp-app';

/*
 * A workstation for the sync tests: a whole app on its own SQLite file, called through the
 * dispatcher as a window would, that can join a store and log in as one of its users.
 */

export interface Station {
  t: TempApp;
  dispatch: Dispatch;
  caller: Caller;
}

/** A started app, its first administrator not logged in yet. */
export function newStation(): Station {
  const t = tempApp();
  t.app.start();
  return { t, dispatch: createDispatcher(t.app, { log: () => {} }).call, caller: { transport: 'ipc', token: null } };
}

/** Calls a method as the station's session; a refusal throws, with its code. */
export async function call<T>(w: Station, method: string, input: unknown): Promise<T> {
  const r = await w.dispatch(w.caller, method, input);
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`), { code: r.error.code });
  return r.value as T;
}

/** Logs in afresh (a join ends every session: the users are the store's then). */
export async function logIn(w: Station, login: string, password: string): Promise<void> {
  w.caller = { transport: 'ipc', token: null };
  await call(w, 'auth.login', { login, password });
}

/** The station's own administrator joins the store at `url`; then the store's `login` logs in. */
export async function joinStore(w: Station, url: string, login: string, password: string, discardLocal = false): Promise<void> {
  await logIn(w, 'admin', ADMIN_PASSWORD);
  await call(w, 'sync.join', { url, login, password, discardLocal });
  await logIn(w, login, password);
}
