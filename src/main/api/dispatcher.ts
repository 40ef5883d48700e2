import { type z } from 'zod';
import { isMethodName, methods } from '../../shared/api/contract';
import { ApiError, type ApiResult, type FieldIssue } from '../../shared/api/result';
import { allows } from '../../shared/domain/permissions';
import type { Me } from '../../shared/api/auth';
import type { App } from '../app/open';
import type { Caller, HandlerContext, Handlers, SessionRef } from '../core/handler';
import { createHandlers } from './handlers';

export type { Caller } from '../core/handler';

export type Dispatch = (caller: Caller, method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** SQLite's own refusals become answers a person can act on, not an internal error. */
function fromSqlite(e: unknown): ApiError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ApiError('conflict', 'A record with the same key already exists.');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new ApiError('validation', 'The record refers to something that does not exist.');
  if (code.startsWith('SQLITE_CONSTRAINT')) return new ApiError('validation', 'The record breaks a rule of the database.');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new ApiError('conflict', 'The database is busy; try again.');
  return null;
}

export interface DispatcherOptions {
  /** Every method's handler; the capabilities' own (api/handlers.ts) unless a test swaps one. */
  handlers?: Handlers;
  /** Where unexpected errors are written (never to the caller). */
  log?: (e: unknown) => void;
}

export function createDispatcher(app: App, options: DispatcherOptions = {}): Dispatch {
  const handlers = options.handlers ?? createHandlers(app);
  const log = options.log ?? console.error;
  return async (caller, method, input) => {
    try {
      if (!isMethodName(method)) {
        throw new ApiError('unknown_method', `Unknown method: ${typeof method === 'string' ? method.slice(0, 80) : typeof method}.`);
      }
      const spec = methods[method];
      let me: Me | null = null;
      let session: SessionRef | null = null;
      if (spec.permission.kind !== 'public') {
        const resumed = caller.token ? app.sessions.resume(caller.token) : null;
        if (!resumed) throw new ApiError('unauthenticated', 'Please log in.');
        ({ me, session } = resumed);
        if (spec.permission.kind === 'module' && !allows(me.rights, spec.permission.module, spec.permission.level)) {
          const what = spec.permission.level === 'write' ? 'change' : 'see';
          throw new ApiError('forbidden', `You have no right to ${what} ${spec.permission.module}.`);
        }
      }
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw new ApiError('validation', 'Some fields are not valid.', zodIssues(parsed.error));
      const handler = handlers[method] as (i: unknown, hc: HandlerContext) => unknown;
      const value = await handler(parsed.data, { ctx: app.ctx, caller, me, session, actor: { userId: me?.userId ?? null } });
      return { ok: true, value: value ?? null };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e.toBody() };
      const sqlite = fromSqlite(e);
      if (sqlite) return { ok: false, error: sqlite.toBody() };
      log(e);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side; it was logged.' } };
    }
  };
}
