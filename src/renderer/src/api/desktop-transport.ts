import type { DesktopBridge } from '../../../shared/api/bridge';
import type { ApiResult } from '../../../shared/api/result';
import { CallError } from './errors';
import type { SessionInfo, Transport } from './transport';
import type { LoginResult, Me } from '../../../shared/api/auth';

/** The Electron window: main is always there, so the connection is always up. */
export function createDesktopTransport(bridge: DesktopBridge): Transport {
  const invoke = async (method: string, input: unknown): Promise<ApiResult<unknown>> => {
    try {
      return await bridge.call(method, input);
    } catch (e) {
      // Only an IPC failure lands here (the window is closing, main crashed); answers never throw.
      throw new CallError('disconnected', `The call ${method} did not reach the application: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return {
    mode: 'desktop',
    state: 'connected',
    call: invoke,
    on: (event, listener) => bridge.on(event, listener),
    async login(login, password): Promise<ApiResult<SessionInfo>> {
      const result = await invoke('auth.login', { login, password });
      if (!result.ok) return result;
      const { me, expiresAt, endsAt, now } = result.value as LoginResult;
      return { ok: true, value: { me, expiresAt, endsAt, hostNow: now } };
    },
    async logout() {
      await invoke('auth.logout', {});
    },
    async currentSession() {
      const result = await invoke('session.me', {});
      // Main runs on this machine: its clock is the page's (a pinned test clock is a browser-mode affair).
      if (result.ok) return { me: result.value as Me, expiresAt: null, endsAt: null, hostNow: null };
      if (result.error.code === 'unauthenticated') return null;
      throw CallError.fromBody(result.error);
    },
    start() {},
    stop() {},
    onStateChange: () => () => {},
    onSessionLost: () => () => {},
  };
}
