import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { Caller, Dispatcher } from '../api/dispatcher';
import { contentSecurityPolicy, cspSources } from './csp';
import { handleTransferRoute } from './file-routes';
import { SESSION_COOKIE, clearedSessionCookie, readCookie, sessionCookie } from './cookies';
import { OriginPolicy } from './origin';
import { resolveStatic, streamFile } from './static-files';
import { attachWebSocketApi } from './ws-api';
import type { LoginResult } from '../../shared/api/auth';

export interface HostOptions {
  dispatcher: Dispatcher;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 127.0.0.1 unless the user asks for another address on purpose. */
  host?: string;
  port?: number;
  /** Extra Host names the page may be reached by, when bound beyond loopback. */
  publicHosts?: string[];
  /** More places the page may connect to, asked at each page load (the telephony servers an administrator allowed). */
  connectSources?: () => string[];
  /** Tests shorten the time limits on requests (see HEADERS_MS and the rest). */
  limits?: Partial<{ headersMs: number; requestMs: number; loginBodyMs: number; perClient: number }>;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_LOGIN_BODY = 4096;

/**
 * What the page may use of the browser: the microphone (the softphone) and sound on our own
 * origin, nothing else: no camera, location, payment, USB and the like, for us or any frame.
 */
const PERMISSIONS_POLICY = [
  'microphone=(self)',
  'autoplay=(self)',
  'fullscreen=(self)',
  ...['camera', 'geolocation', 'payment', 'usb', 'serial', 'hid', 'bluetooth', 'midi', 'display-capture', 'accelerometer', 'gyroscope', 'magnetometer', 'publickey-credentials-get', 'screen-wake-lock', 'idle-detection', 'xr-spatial-tracking'].map((f) => `${f}=()`),
].join(', ');

/**
 * Bounds on slow or numerous connections. A request's headers must arrive within 10 s and its
 * whole body within REQUEST_MS (an upload of the largest attachment over a slow network fits;
 * a login's few bytes get LOGIN_BODY_MS); connections are capped per client address and in all.
 */
const HEADERS_MS = 10_000;
const REQUEST_MS = 120_000;
const LOGIN_BODY_MS = 10_000;
const PER_CLIENT_CONNECTIONS = 128;
const ALL_CONNECTIONS = 1024;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

type Body = { text: string } | { tooLarge: true } | null;

/** The body as text, tooLarge as soon as it passes the limit (the rest is not kept), or slow when it takes longer than `ms`. */
function readBody(req: IncomingMessage, limit: number, ms: number): Promise<Body | { slow: true }> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => resolve({ slow: true }), ms);
    const done = (body: Body | { slow: true }) => {
      clearTimeout(timer);
      resolve(body);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) done({ tooLarge: true });
      else chunks.push(c);
    });
    req.on('end', () => done({ text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => done(null));
  });
}

/**
 * The cookie lives until the session's absolute end: the host slides the idle limit with every
 * call (most go over the WebSocket, which cannot renew a cookie), so a cookie that followed the
 * idle limit would log a busy user out at login time + idle time.
 */
const cookieAge = (s: { endsAt: number; now: number }) => Math.max(60, Math.floor((s.endsAt - s.now) / 1000));

function parseJson(body: string | null): unknown {
  if (body === null) return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { dispatcher, rendererDir } = options;
  const bind = options.host ?? '127.0.0.1';
  // Known once the port is: until then no request is answered (the server is not listening).
  let policy = new OriginPolicy(0);
  let ws: ReturnType<typeof attachWebSocketApi> | null = null;

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy([...policy.webSocketOrigins(), ...cspSources(options.connectSources?.() ?? [])]),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!policy.hostAllowed(req.headers.host)) return send(res, 421, { error: 'Unknown host name.' });
    const path = new URL(req.url ?? '/', 'http://x').pathname;

    if (path.startsWith('/auth/')) {
      // Every state-changing call must come from our own page, not from another site's form.
      if (req.method !== 'GET' && !policy.originAllowed(req.headers.origin)) return send(res, 403, { error: 'Forbidden origin.' });
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (path === '/auth/session' && req.method === 'GET') {
        // Not being logged in is a normal answer here (200 with me: null), not an error to log.
        const session = dispatcher.session(token);
        if (!session || !token) return send(res, 200, { me: null });
        // Set again on every check, so a cookie from before this version learns the absolute end too.
        return send(res, 200, session, { 'Set-Cookie': sessionCookie(token, cookieAge(session)) });
      }
      if (path === '/auth/login' && req.method === 'POST') {
        const body = await readBody(req, MAX_LOGIN_BODY, options.limits?.loginBodyMs ?? LOGIN_BODY_MS);
        if (body && 'slow' in body) {
          return send(res, 408, { ok: false, error: { code: 'bad_request', message: 'The request took too long to arrive.' } }, { Connection: 'close' });
        }
        if (body && 'tooLarge' in body) {
          return send(res, 413, { ok: false, error: { code: 'too_large', message: 'The request is too large.' } }, { Connection: 'close' });
        }
        const input = parseJson(body ? body.text : null);
        if (input === null) return send(res, 400, { ok: false, error: { code: 'bad_request', message: 'Send JSON: {"login", "password"}.' } });
        const caller: Caller = { transport: 'http', token: null, address: req.socket.remoteAddress ?? 'unknown' };
        const result = await dispatcher.call(caller, 'auth.login', input);
        if (!result.ok) return send(res, result.error.code === 'validation' ? 400 : result.error.code === 'forbidden' ? 429 : 401, result);
        const login = result.value as LoginResult;
        if (!caller.token) return send(res, 500, { error: 'Internal error.' });
        // The token only travels in the HttpOnly cookie: page scripts never see it.
        return send(res, 200, { ok: true, value: login }, { 'Set-Cookie': sessionCookie(caller.token, cookieAge(login)) });
      }
      if (path === '/auth/logout' && req.method === 'POST') {
        if (token) await dispatcher.call({ transport: 'http', token }, 'auth.logout', {});
        return send(res, 200, { ok: true, value: null }, { 'Set-Cookie': clearedSessionCookie() });
      }
      return send(res, 404, { error: 'Not found.' });
    }

    // Attachments and finished exports, streamed in and out through the dispatcher's guard.
    if (path === '/files' || path.startsWith('/files/') || path.startsWith('/exports/') || path.startsWith('/recordings/')) {
      return handleTransferRoute(dispatcher, policy, req, res, new URL(req.url ?? '/', 'http://x'));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Method not allowed.' });

    // The page is a single-page app: unknown paths get index.html, files get themselves.
    const found = resolveStatic(rendererDir, path) ?? resolveStatic(rendererDir, '/index.html');
    if (!found) return send(res, 500, { error: 'The renderer is not built: run npm run build.' });
    const isHtml = found.type.startsWith('text/html');
    res.writeHead(200, {
      'Content-Type': found.type,
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      ...securityHeaders(),
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(streamFile(found.file), res).catch(() => res.destroy());
  }

  const requestMs = options.limits?.requestMs ?? REQUEST_MS;
  const server = createServer(
    {
      headersTimeout: Math.min(options.limits?.headersMs ?? HEADERS_MS, requestMs),
      requestTimeout: requestMs,
      // Node looks for requests past their time this often (30 s by default: the limits would stretch by as much).
      connectionsCheckingInterval: Math.min(1000, requestMs),
    },
    (req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e);
      if (!res.headersSent) send(res, 500, { error: 'Internal error.' });
      else res.destroy();
    });
    },
  );
  server.maxConnections = ALL_CONNECTIONS;
  const perClient = options.limits?.perClient ?? PER_CLIENT_CONNECTIONS;
  const byClient = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = (byClient.get(address) ?? 0) + 1;
    if (open > perClient) return void socket.destroy();
    byClient.set(address, open);
    socket.once('close', () => {
      const left = (byClient.get(address) ?? 1) - 1;
      if (left > 0) byClient.set(address, left);
      else byClient.delete(address);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (ws) ws.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  policy = new OriginPolicy(port, options.publicHosts);
  ws = attachWebSocketApi(dispatcher, policy);
  const shownHost = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        ws?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
