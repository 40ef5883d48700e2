import type { EventName, Events, MethodName } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import type { Me } from '../../../shared/api/auth';

/** `connecting` before the first connection, `reconnecting` after losing one. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SessionInfo {
  me: Me;
  /** Epoch ms; null where the transport does not say (desktop). */
  expiresAt: number | null;
  /** When the session ends however busy the user is (epoch ms, host clock); null where the transport does not say (desktop). */
  endsAt: number | null;
  /** The host's clock when it answered (epoch ms); null where the transport does not say. */
  hostNow: number | null;
}

export type SessionEndReason = 'logout' | 'expired';

export type Listener<T> = (value: T) => void;

/**
 * One way to reach main: the Electron bridge or the browser-mode WebSocket + HTTP routes.
 * The ApiClient on top adds typing, errors and session handling; transports stay small.
 */
export interface Transport {
  readonly mode: 'desktop' | 'browser';
  /** Resolves with the server's answer; rejects with a CallError only when the answer cannot come. */
  call(method: MethodName, input: unknown): Promise<ApiResult<unknown>>;
  on<E extends EventName>(event: E, listener: Listener<Events[E]>): () => void;
  login(login: string, password: string): Promise<ApiResult<SessionInfo>>;
  logout(): Promise<void>;
  /** The session this window already has (cookie, or the desktop window's), or null. */
  currentSession(): Promise<SessionInfo | null>;
  /** Keep a live connection for a logged-in session, until `stop`. */
  start(): void;
  stop(): void;
  readonly state: ConnectionState;
  onStateChange(listener: Listener<ConnectionState>): () => void;
  /** The transport found out by itself that the session is gone (logout elsewhere, expiry). */
  onSessionLost(listener: Listener<SessionEndReason>): () => void;
}

/** A set of listeners; one listener throwing does not stop the others. */
export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  add(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (e) {
        console.error(e);
      }
    }
  }
}
