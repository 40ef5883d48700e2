import { BRIDGE_KEY, type DesktopBridge } from '../../../shared/api/bridge';
import type { EventName, Events, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { createDesktopTransport } from './desktop-transport';
import { CallError } from './errors';
import { syncHostClock } from './host-clock';
import { createHttpAuth } from './http-auth';
import { Emitter, type ConnectionState, type Listener, type SessionEndReason, type SessionInfo, type Transport } from './transport';
import { WebSocketTransport, apiSocketUrl } from './websocket-transport';

;
export type { ConnectionState, SessionEndReason, SessionInfo } from './transport';

/**
 * The renderer's one way to main: typed by the API contract, the same over Electron IPC and the
 * browser-mode WebSocket. Failures throw a CallError; a session that ends (logout elsewhere,
 * expiry, an 'unauthenticated' answer) is announced once through `onSessionEnded`.
 */
export class ApiClient {
  private active = false;
  private readonly ended = new Emitter<SessionEndReason>();

  constructor(private readonly transport: Transport) {
    transport.on('session.ended', ({ reason }) => this.endSession(reason));
    transport.onSessionLost((reason) => this.endSession(reason));
  }

  /** 'desktop' inside Electron, 'browser' in browser mode. */
  get mode(): 'desktop' | 'browser' {
    return this.transport.mode;
  }

  get connectionState(): ConnectionState {
    return this.transport.state;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.transport.call(method, input);
    if (result.ok) return result.value as MethodOutput<M>;
    if (result.error.code === 'unauthenticated') this.endSession('expired');
    throw CallError.fromBody(result.error);
  }

  /** Listens to an event pushed by main; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: Listener<Events[E]>): () => void {
    return this.transport.on(event, listener);
  }

  async login(login: string, password: string): Promise<SessionInfo> {
    const result = await this.transport.login(login, password);
    if (!result.ok) throw CallError.fromBody(result.error);
    syncHostClock(result.value.hostNow);
    this.begin();
    return result.value;
  }

  /** The session this window already has, or null: call it once at start-up. */
  async currentSession(): Promise<SessionInfo | null> {
    const session = await this.transport.currentSession();
    if (session) {
      syncHostClock(session.hostNow);
      this.begin();
    }
    return session;
  }

  /** Ends the session on the server; the window is logged out locally even if the server is gone. */
  async logout(): Promise<void> {
    this.active = false;
    this.transport.stop();
    try {
      await this.transport.logout();
    } catch (e) {
      console.warn('Logout did not reach the server:', e);
    }
  }

  onSessionEnded(listener: Listener<SessionEndReason>): () => void {
    return this.ended.add(listener);
  }

  onConnectionChange(listener: Listener<ConnectionState>): () => void {
    return this.transport.onStateChange(listener);
  }

  private begin(): void {
    this.active = true;
    this.transport.start();
  }

  private endSession(reason: SessionEndReason): void {
    if (!this.active) return;
    this.active = false;
    this.transport.stop();
    this.ended.emit(reason);
  }
}

/** The Electron preload's bridge when there is one, else the browser-mode host of this page. */
function detectTransport(): Transport {
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_KEY] as DesktopBridge | undefined;
  if (bridge) return createDesktopTransport(bridge);
  return new WebSocketTransport({ url: apiSocketUrl(location), auth: createHttpAuth() });
}

let shared: ApiClient | null = null;

/** The page's client, made on first use. */
export function getApiClient(): ApiClient {
  return (shared ??= new ApiClient(detectTransport()));
}
