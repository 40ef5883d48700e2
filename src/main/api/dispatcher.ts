import { type z } from 'zod';
import { isMethodName, isStreamName, methods, streams, type DownloadName, type EventName, type Events } from '../../shared/api/contract';
import type { Permission } from '../../shared/api/permission';
import { ApiError, type ApiResult, type FieldIssue } from '../../shared/api/result';
import type { Me } from '../../shared/api/auth';
import { allows } from '../../shared/domain/permissions';
import type { App } from '../app/open';
import { isBusy } from '../core/write-gate';
import type { Audience } from '../core/events';
import type { Caller, Download, HandlerContext, Handlers, SessionRef, StreamHandlers } from '../core/handler';
import { createHandlers, createStreamHandlers } from './handlers';

export type { Caller } from '../core/handler';

/**
 * The one way in for every transport (Electron IPC, the browser-mode WebSocket and HTTP routes,
 * the desktop app's own scheme): calls, uploads and downloads pass the same guard (session,
 * then the contract's permission, then the input's schema) before a capability's handler runs.
 * Answers are `{ ok: true, value }` or `{ ok: false, error }`, never a stack trace.
 */
export interface Dispatcher {
  call: (caller: Caller, method: unknown, input: unknown) => Promise<ApiResult<unknown>>;
  upload: (caller: Caller, name: unknown, params: unknown, body: AsyncIterable<Uint8Array>) => Promise<ApiResult<unknown>>;
  download: (caller: Caller, name: unknown, params: unknown) => Promise<ApiResult<Download>>;
  /** The caller's session, resumed (its expiry slides), or null: for a transport that must know before any call. */
  session: (token: string | null) => { me: Me; expiresAt: number; endsAt: number; now: number } | null;
  /**
   * The events one caller's window may see (see `mayReceive`). When its session has ended
   * (logout, deactivation, expiry) the window gets one 'session.ended' and nothing more until it
   * logs in again; a socket transport then closes. `check` looks without waiting for an event
   * (a periodic sweep finds sessions that ran out idle).
   */
  subscribe: (caller: Caller, listener: WindowListener) => { stop: () => void; check: () => void };
}

type WindowListener = <E extends EventName>(event: E, payload: Events[E]) => void;

/**
 * Whether a window with this user's session may see an event: one meant for a user goes to that
 * user only (their export's progress and link, their read marks); changes to users and rights
 * only to those who may read Administration, or to the user changed; 'session.ended' is never
 * passed on as such (each window is told about its own session only).
 */
function mayReceive(me: Me, event: EventName, payload: unknown, audience: Audience | undefined): boolean {
  if (event === 'session.ended') return false;
  if (audience && audience.userId !== me.userId) return false;
  if (event === 'data.changed') {
    const changed = payload as Events['data.changed'];
    if (changed.capability === 'auth') return allows(me.rights, 'admin', 'read') || changed.ids.includes(me.userId);
  }
  return true;
}

/** What the transports used to take: the call alone. */
export type Dispatch = Dispatcher['call'];

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
  if (isBusy(e) || code === 'SQLITE_LOCKED') return new ApiError('conflict', 'The database is busy; try again.');
  return null;
}

export interface DispatcherOptions {
  /** Every method's handler; the capabilities' own (api/handlers.ts) unless a test swaps one. */
  handlers?: Handlers;
  streamHandlers?: StreamHandlers;
  /** Where unexpected errors are written (never to the caller). */
  log?: (e: unknown) => void;
}

export function createDispatcher(app: App, options: DispatcherOptions = {}): Dispatcher {
  const handlers = options.handlers ?? createHandlers(app);
  const streamHandlers = options.streamHandlers ?? createStreamHandlers(app);
  const log = options.log ?? console.error;

  /** The guard: who is calling, and whether the contract lets them. The only place rights are checked before a handler. */
  function admit(caller: Caller, permission: Permission): HandlerContext {
    let me: Me | null = null;
    let session: SessionRef | null = null;
    if (permission.kind !== 'public') {
      const resumed = caller.token ? app.sessions.resume(caller.token) : null;
      if (!resumed) throw new ApiError('unauthenticated', 'Please log in.');
      ({ me, session } = resumed);
      if (permission.kind === 'module' && !allows(me.rights, permission.module, permission.level)) {
        const what = permission.level === 'write' ? 'change' : 'see';
        throw new ApiError('forbidden', `You have no right to ${what} ${permission.module}.`);
      }
      if (permission.kind === 'preference' && permission.module && !allows(me.rights, permission.module, 'read')) {
        throw new ApiError('forbidden', `You have no right to see ${permission.module}.`);
      }
    }
    return { ctx: app.ctx, caller, me, session, actor: { userId: me?.userId ?? null } };
  }

  function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) throw new ApiError('validation', 'Some fields are not valid.', zodIssues(parsed.error));
    return parsed.data;
  }

  async function answer<T>(work: () => Promise<T>): Promise<ApiResult<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e.toBody() };
      const sqlite = fromSqlite(e);
      if (sqlite) return { ok: false, error: sqlite.toBody() };
      log(e);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side; it was logged.' } };
    }
  }

  const unknown = (kind: string, name: unknown) =>
    new ApiError('unknown_method', `Unknown ${kind}: ${typeof name === 'string' ? name.slice(0, 80) : typeof name}.`);

  return {
    call: (caller, method, input) =>
      answer(async () => {
        if (!isMethodName(method)) throw unknown('method', method);
        const spec = methods[method];
        const hc = admit(caller, spec.permission);
        const handler = handlers[method] as (i: unknown, hc: HandlerContext) => unknown;
        const parsed = parse(spec.input, input);
        const gate = app.ctx.writes;
        const held = gate.held;
        try {
          return (await handler(parsed, hc)) ?? null;
        } catch (e) {
          // Refused at once because the index worker holds the file (core/write-gate.ts): nothing
          // was written, so the call runs again once the gate opens, as the person would retry.
          if (!isBusy(e) || !(held || gate.held)) throw e;
          await gate.whenOpen();
          return (await handler(parsed, hc)) ?? null;
        }
      }),
    upload: (caller, name, params, body) =>
      answer(async () => {
        if (!isStreamName(name) || streams[name].direction !== 'in') throw unknown('upload', name);
        const spec = streams[name];
        const hc = admit(caller, spec.permission);
        const handler = streamHandlers[name] as (p: unknown, b: AsyncIterable<Uint8Array>, hc: HandlerContext) => Promise<unknown>;
        return handler(parse(spec.params, params), body, hc);
      }),
    download: (caller, name, params) =>
      answer(async () => {
        if (!isStreamName(name) || streams[name].direction !== 'out') throw unknown('download', name);
        const spec = streams[name as DownloadName];
        const hc = admit(caller, spec.permission);
        const handler = streamHandlers[name as DownloadName] as (p: unknown, hc: HandlerContext) => Download | Promise<Download>;
        return handler(parse(spec.params, params), hc);
      }),
    session: (token) => {
      const resumed = token ? app.sessions.resume(token) : null;
      return resumed ? { me: resumed.me, expiresAt: resumed.session.expiresAt, endsAt: resumed.session.endsAt, now: app.ctx.now() } : null;
    },
    subscribe: (caller, listener) => {
      // The token whose end the window was told, so it is told once (an IPC caller logs in again with a new one).
      let toldEnd: string | null = null;
      const look = (): Me | null => {
        if (caller.token === null) return null;
        const open = app.sessions.peek(caller.token);
        if (open) return open.me;
        if (toldEnd !== caller.token) {
          toldEnd = caller.token;
          listener('session.ended', { reason: 'expired' });
        }
        return null;
      };
      const stop = app.ctx.events.subscribe((event, payload, audience) => {
        const me = look();
        if (me && mayReceive(me, event, payload, audience)) listener(event, payload);
      });
      return { stop, check: () => void look() };
    },
  };
}
