import type { EventName, Events, MethodName } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { CallError } from './errors';
import type { HttpAuth } from './http-auth';
import { Emitter, type ConnectionState, type Listener, type SessionEndReason, type Transport } from './transport';

/** The host closes a socket with this code after a logout made over it. */
const CLOSE_LOGGED_OUT = 4001;

export interface WebSocketTransportOptions {
  /** ws(s)://host/api */
  url: string;
  auth: HttpAuth;
  WebSocketImpl?: typeof WebSocket;
  /** How long a call waits for a connection before it fails. */
  queueTimeoutMs?: number;
  /** Delay before reconnection attempt `attempt` (0-based). */
  backoff?: (attempt: number) => number;
}

interface Pending {
  method: string;
  resolve: (result: ApiResult<unknown>) => void;
  reject: (error: CallError) => void;
}

interface Queued extends Pending {
  frame: string;
  timer: ReturnType<typeof setTimeout>;
}

/** 0.5 s, 1 s, 2 s … up to 10 s, with jitter so many pages do not knock at once. */
function defaultBackoff(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
}

/** The page's own host, /api: the cookie goes with it. */
export function apiSocketUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api`;
}

function isApiResult(x: unknown): x is ApiResult<unknown> {
  if (!x || typeof x !== 'object') return false;
  const r = x as { ok?: unknown; error?: { code?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.code === 'string');
}

/**
 * Browser mode: one WebSocket per logged-in page. Calls made while it (re)connects wait in a
 * queue; calls in flight when it drops fail at once with `disconnected`. It reconnects with
 * backoff as long as GET /auth/session says the session is valid, and reports the session lost
 * when the host closes with 4001 or the session check answers 401.
 */
export class WebSocketTransport implements Transport {
  readonly mode = 'browser';
  private current: ConnectionState = 'offline';
  private socket: WebSocket | null = null;
  private wanted = false;
  private everConnected = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private readonly sent = new Map<number, Pending>();
  private readonly queued = new Map<number, Queued>();
  private readonly events = new Map<string, Emitter<unknown>>();
  private readonly stateChanges = new Emitter<ConnectionState>();
  private readonly sessionLost = new Emitter<SessionEndReason>();
  private readonly WS: typeof WebSocket;
  private readonly queueTimeoutMs: number;
  private readonly backoff: (attempt: number) => number;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.WS = options.WebSocketImpl ?? WebSocket;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 15_000;
    this.backoff = options.backoff ?? defaultBackoff;
    // Back on the network: try now instead of waiting out the backoff.
    globalThis.addEventListener?.('online', () => {
      if (this.wanted && this.reconnectTimer !== null) {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = null;
        this.attempt = 0;
        void this.reconnect();
      }
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  onStateChange(listener: Listener<ConnectionState>): () => void {
    return this.stateChanges.add(listener);
  }

  onSessionLost(listener: Listener<SessionEndReason>): () => void {
    return this.sessionLost.add(listener);
  }

  on<E extends EventName>(event: E, listener: Listener<Events[E]>): () => void {
    let emitter = this.events.get(event);
    if (!emitter) this.events.set(event, (emitter = new Emitter<unknown>()));
    return emitter.add(listener as Listener<unknown>);
  }

  login(login: string, password: string) {
    return this.options.auth.login(login, password);
  }

  logout() {
    return this.options.auth.logout();
  }

  currentSession() {
    return this.options.auth.session();
  }

  call(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
    return new Promise((resolve, reject) => {
      if (!this.wanted) {
        resolve({ ok: false, error: { code: 'unauthenticated', message: 'Please log in.' } });
        return;
      }
      const id = this.nextId++;
      const frame = JSON.stringify({ id, method, input });
      const pending: Pending = { method, resolve, reject };
      const socket = this.socket;
      if (socket && socket.readyState === this.WS.OPEN) {
        this.sent.set(id, pending);
        socket.send(frame);
        return;
      }
      const timer = setTimeout(() => {
        this.queued.delete(id);
        reject(new CallError('disconnected', `No connection to the server: ${method} was not sent.`));
      }, this.queueTimeoutMs);
      this.queued.set(id, { ...pending, frame, timer });
    });
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.everConnected = false;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.wanted = false;
    this.teardown('disconnected', 'The connection was closed.');
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.stateChanges.emit(state);
  }

  private open(): void {
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    let ws: WebSocket;
    try {
      ws = new this.WS(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      if (this.socket !== ws) return;
      this.attempt = 0;
      this.everConnected = true;
      this.setState('connected');
      for (const [id, q] of this.queued) {
        clearTimeout(q.timer);
        this.sent.set(id, q);
        ws.send(q.frame);
      }
      this.queued.clear();
    };
    ws.onmessage = (e: MessageEvent) => {
      if (this.socket === ws) this.receive(e.data);
    };
    ws.onclose = (e: CloseEvent) => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.failSent('The connection to the server was lost before the answer came.');
      if (e.code === CLOSE_LOGGED_OUT) this.endSession('logout');
      else if (this.wanted) this.scheduleReconnect();
      else this.setState('offline');
    };
  }

  private receive(data: unknown): void {
    let msg: unknown;
    try {
      msg = JSON.parse(String(data));
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    const { id, result, event, payload } = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof id === 'number') {
      const pending = this.sent.get(id);
      if (!pending) return;
      this.sent.delete(id);
      pending.resolve(isApiResult(result) ? result : { ok: false, error: { code: 'internal', message: `Malformed answer to ${pending.method}.` } });
    } else if (typeof event === 'string') {
      this.events.get(event)?.emit(payload);
    }
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = this.backoff(this.attempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
  }

  /** A refused upgrade looks like any other drop; the session route tells the two apart. */
  private async reconnect(): Promise<void> {
    if (!this.wanted) return;
    let session;
    try {
      session = await this.options.auth.session();
    } catch {
      if (this.wanted) this.scheduleReconnect();
      return;
    }
    if (!this.wanted) return;
    if (session) this.open();
    else this.endSession('expired');
  }

  private endSession(reason: SessionEndReason): void {
    this.wanted = false;
    this.teardown('unauthenticated', 'The session has ended.');
    this.sessionLost.emit(reason);
  }

  private teardown(code: 'disconnected' | 'unauthenticated', message: string): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ws = this.socket;
    this.socket = null;
    if (ws && ws.readyState !== this.WS.CLOSED) ws.close(1000);
    this.failSent(message, code);
    for (const q of this.queued.values()) {
      clearTimeout(q.timer);
      q.reject(new CallError(code, message));
    }
    this.queued.clear();
    this.setState('offline');
  }

  private failSent(message: string, code: 'disconnected' | 'unauthenticated' = 'disconnected'): void {
    for (const p of this.sent.values()) p.reject(new CallError(code, `${p.method}: ${message}`));
    this.sent.clear();
  }
}
