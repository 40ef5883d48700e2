import type { ApiResult } from '../../../shared/api/result';
import { CallError } from './errors';
import type { SessionInfo } from './transport';
import type { Me } from '../../../shared/api/auth';

/** Browser mode's login routes: the session lives in an HttpOnly cookie the page never sees. */
export interface HttpAuth {
  session(): Promise<SessionInfo | null>;
  login(login: string, password: string): Promise<ApiResult<SessionInfo>>;
  logout(): Promise<void>;
}

type Fetch = typeof fetch;

const unreachable = (what: string, e: unknown) =>
  new CallError('unreachable', `${what}: the server cannot be reached (${e instanceof Error ? e.message : String(e)}).`);

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

function isApiResult(x: unknown): x is ApiResult<unknown> {
  if (!x || typeof x !== 'object') return false;
  const r = x as { ok?: unknown; error?: { code?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.code === 'string');
}

export function createHttpAuth(base = '', fetchImpl: Fetch = (...args) => fetch(...args)): HttpAuth {
  const request = (path: string, init: RequestInit) =>
    fetchImpl(base + path, { credentials: 'same-origin', cache: 'no-store', ...init, headers: { Accept: 'application/json', ...init.headers } });

  return {
    async session() {
      let res: Response;
      try {
        res = await request('/auth/session', { method: 'GET' });
      } catch (e) {
        throw unreachable('Session check', e);
      }
      if (res.status === 401) return null;
      const body = (await readJson(res)) as { me?: Me | null; expiresAt?: number; endsAt?: number; now?: number } | null;
      if (res.ok && body?.me === null) return null;
      if (!res.ok || !body?.me) throw new CallError('internal', `Session check answered ${res.status}.`);
      return { me: body.me, expiresAt: body.expiresAt ?? null, endsAt: body.endsAt ?? null, hostNow: body.now ?? null };
    },

    async login(login, password) {
      let res: Response;
      try {
        res = await request('/auth/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login, password }),
        });
      } catch (e) {
        throw unreachable('Login', e);
      }
      const body = await readJson(res);
      if (isApiResult(body)) {
        if (!body.ok) return body;
        const value = body.value as { me: Me; expiresAt: number; endsAt?: number; now?: number };
        return { ok: true, value: { me: value.me, expiresAt: value.expiresAt, endsAt: value.endsAt ?? null, hostNow: value.now ?? null } };
      }
      // Not the API's shape: a refusal by the host itself (origin, host name) or a proxy.
      const message = (body as { error?: unknown } | null)?.error;
      return {
        ok: false,
        error: { code: res.status === 403 ? 'forbidden' : 'internal', message: typeof message === 'string' ? message : `Login answered ${res.status}.` },
      };
    },

    async logout() {
      try {
        await request('/auth/logout', { method: 'POST' });
      } catch (e) {
        throw unreachable('Logout', e);
      }
    },
  };
}
