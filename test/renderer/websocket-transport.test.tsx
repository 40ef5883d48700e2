// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client';
import { CallError } from '../../src/renderer/src/api/errors';
import type { HttpAuth } from '../../src/renderer/src/api/http-auth';
import type { SessionInfo } from '../../src/renderer/src/api/transport';
import { WebSocketTransport, apiSocketUrl } from '../../src/renderer/src/api/websocket-transport';
import { makeMe } from './support';

/** Just enough of a WebSocket: the test opens, answers and closes it by hand. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: { id: number; method: string; input: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(frame: string) {
    this.sent.push(JSON.parse(frame) as { id: number; method: string; input: unknown });
  }
  close(code = 1000) {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }
  // Test side:
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  answer(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
  push(event: string, payload: unknown) {
    this.onmessage?.({ data: JSON.stringify({ event, payload }) });
  }
  drop(code = 1006) {
    this.close(code);
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;
const session: SessionInfo = { me: makeMe('operator'), expiresAt: Date.now() + 3_600_000, endsAt: null, hostNow: null };

function setup(sessionAnswer: () => Promise<SessionInfo | null> = () => Promise.resolve(session)) {
  const checkSession = vi.fn(sessionAnswer);
  const logout = vi.fn(() => Promise.resolve());
  const auth: HttpAuth = {
    session: checkSession,
    login: () => Promise.resolve({ ok: true as const, value: session }),
    logout,
  };
  const transport = new WebSocketTransport({
    url: 'ws://127.0.0.1:1/api',
    auth,
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    backoff: () => 1000,
    queueTimeoutMs: 5000,
  });
  const states: string[] = [];
  transport.onStateChange((s) => states.push(s));
  const lost: string[] = [];
  transport.onSessionLost((r) => lost.push(r));
  return { checkSession, logout, transport, states, lost };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WebSocketTransport', () => {
  it('builds the socket address from the page', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321' })).toBe('ws://127.0.0.1:4321/api');
    expect(apiSocketUrl({ protocol: 'https:', host: 'cc.example' })).toBe('wss://cc.example/api');
  });

  it('queues calls until the socket opens, then answers them by id', async () => {
    const { transport, states } = setup();
    transport.start();
    const answer = transport.call('app.info', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([{ id: 1, method: 'app.info', input: {} }]);
    last().answer(1, { ok: true, value: 42 });
    await expect(answer).resolves.toEqual({ ok: true, value: 42 });
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('fails calls in flight when the connection drops, and reconnects while the session is valid', async () => {
    const { transport, states, checkSession } = setup();
    transport.start();
    last().open();
    const inFlight = transport.call('clients.list', {});
    last().drop();
    await expect(inFlight).rejects.toMatchObject({ code: 'disconnected' });
    expect(states.at(-1)).toBe('reconnecting');
    const queued = transport.call('app.info', {});
    await vi.advanceTimersByTimeAsync(1000);
    expect(checkSession).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().open();
    expect(states.at(-1)).toBe('connected');
    last().answer(last().sent[0]!.id, { ok: true, value: 'ok' });
    await expect(queued).resolves.toEqual({ ok: true, value: 'ok' });
  });

  it('gives up a queued call after the queue timeout', async () => {
    const { transport } = setup(() => Promise.reject(new CallError('unreachable', 'down')));
    transport.start();
    last().drop();
    const queued = transport.call('app.info', {});
    const settled = expect(queued).rejects.toMatchObject({ code: 'disconnected' });
    await vi.advanceTimersByTimeAsync(5000);
    await settled;
  });

  it('reports the session lost on a 4001 close, without reconnecting', async () => {
    const { transport, lost, states } = setup();
    transport.start();
    last().open();
    last().drop(4001);
    expect(lost).toEqual(['logout']);
    expect(states.at(-1)).toBe('offline');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('reports the session expired when the session check says 401 before reconnecting', async () => {
    const { transport, lost } = setup(() => Promise.resolve(null));
    transport.start();
    last().open();
    last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(lost).toEqual(['expired']);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('delivers pushed events to their listeners', () => {
    const { transport } = setup();
    const seen: unknown[] = [];
    transport.on('data.changed', (p) => seen.push(p));
    transport.start();
    last().open();
    last().push('data.changed', { capability: 'clients', ids: ['a'] });
    last().push('session.ended', { reason: 'logout' });
    expect(seen).toEqual([{ capability: 'clients', ids: ['a'] }]);
  });
});

describe('ApiClient over the WebSocket', () => {
  it('throws a CallError and ends the session on an unauthenticated answer', async () => {
    const { transport } = setup();
    const client = new ApiClient(transport);
    const ended: string[] = [];
    client.onSessionEnded((r) => ended.push(r));
    await client.login('operator', 'demo');
    last().open();
    const answer = client.call('app.info', {});
    last().answer(1, { ok: false, error: { code: 'unauthenticated', message: 'Please log in.' } });
    await expect(answer).rejects.toBeInstanceOf(CallError);
    expect(ended).toEqual(['expired']);
    expect(client.connectionState).toBe('offline');
  });

  it('logs out without treating its own close as a lost connection', async () => {
    const { transport, logout, lost } = setup();
    const client = new ApiClient(transport);
    const ended: string[] = [];
    client.onSessionEnded((r) => ended.push(r));
    await client.currentSession();
    last().open();
    await client.logout();
    expect(logout).toHaveBeenCalled();
    expect(ended).toEqual([]);
    expect(lost).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('ends the session when main pushes session.ended', async () => {
    const { transport } = setup();
    const client = new ApiClient(transport);
    const ended: string[] = [];
    client.onSessionEnded((r) => ended.push(r));
    await client.currentSession();
    last().open();
    last().push('session.ended', { reason: 'expired' });
    expect(ended).toEqual(['expired']);
  });
});
