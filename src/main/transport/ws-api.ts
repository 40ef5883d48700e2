import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller, Dispatcher } from '../api/dispatcher';
import { SESSION_COOKIE, readCookie } from './cookies';
import type { OriginPolicy } from './origin';

/**
 * Methods the socket does not carry. A login here would hand the session's token to page
 * scripts and switch the socket's identity in place: logging in is POST /auth/login only, which
 * sets the HttpOnly cookie the socket is then opened with.
 */
const NOT_OVER_SOCKET = new Set<unknown>(['auth.login']);

const SWEEP_MS = 30_000;

/** Requests are small JSON; files travel over their own HTTP routes. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

interface Request {
  id: number;
  method: unknown;
  input: unknown;
}

function parseRequest(data: unknown): Request | null {
  try {
    const msg: unknown = JSON.parse(String(data));
    if (!msg || typeof msg !== 'object') return null;
    const { id, method, input } = msg as Record<string, unknown>;
    return typeof id === 'number' && Number.isSafeInteger(id) ? { id, method, input } : null;
  } catch {
    return null;
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
}

/**
 * The API over a WebSocket: only for a logged-in session (cookie) from an allowed Origin.
 * Messages are {id, method, input} and answers {id, result}; events go out as {event, payload}.
 */
export function attachWebSocketApi(dispatcher: Dispatcher, policy: OriginPolicy) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!req.url || new URL(req.url, 'http://x').pathname !== '/api') return refuse(socket, 404, 'Not Found');
    if (!policy.hostAllowed(req.headers.host) || !policy.originAllowed(req.headers.origin)) {
      return refuse(socket, 403, 'Forbidden origin');
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!dispatcher.session(token)) return refuse(socket, 401, 'Login required');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, { transport: 'http', token, address: req.socket.remoteAddress ?? 'unknown' }));
  }

  const open = new Set<{ check: () => void }>();
  // Sessions that run out idle end without an event: looked for every half minute.
  const sweep = setInterval(() => {
    for (const s of open) s.check();
  }, SWEEP_MS);
  sweep.unref();

  function serve(ws: WebSocket, caller: Caller): void {
    // Calls under way: a session that ends during one (a store joined, which replaces the
    // users) still gets that call's answer before its socket closes.
    let inFlight = 0;
    let ending = false;
    const subscription = dispatcher.subscribe(caller, (event, payload) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify({ event, payload }));
      // A socket outlives no session: the page is told, then the socket closes.
      if (event === 'session.ended') {
        if (inFlight === 0) ws.close(4001, 'session ended');
        else ending = true;
      }
    });
    open.add(subscription);
    const unsubscribe = () => {
      subscription.stop();
      open.delete(subscription);
    };
    ws.on('message', (data) => {
      const req = parseRequest(data);
      if (!req) {
        ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'bad_request', message: 'Not a request.' } } }));
        return;
      }
      if (NOT_OVER_SOCKET.has(req.method)) {
        const error = { code: 'bad_request', message: 'Log in through the login page (POST /auth/login), not over this connection.' };
        ws.send(JSON.stringify({ id: req.id, result: { ok: false, error } }));
        return;
      }
      inFlight++;
      void dispatcher.call(caller, req.method, req.input).then((result) => {
        inFlight--;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: req.id, result }));
        // A logout over this socket ends it: the page goes back to the login screen.
        if (caller.token === null) ws.close(4001, 'logged out');
        else if (ending && inFlight === 0) ws.close(4001, 'session ended');
      });
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  return {
    handleUpgrade,
    // ws does not close open clients by itself: without this a stopping host hangs on them.
    close: () => {
      clearInterval(sweep);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
