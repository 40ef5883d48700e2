import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/api/dispatcher';
import { startHost, type RunningHost } from '../../src/main/transport/http-host';
import { tempApp, ADMIN_PASSWORD, type TempApp } from '../support/temp-app';
import { ABSOLUTE_LIFETIME_MS } from '../../src/main/auth/sessions';

let t: TempApp;
let host: RunningHost;
let origin: string;

beforeAll(async () => {
  t = tempApp();
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(rendererDir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(t.dir, 'secret.txt'), 'do not serve');
  host = await startHost({ dispatcher: createDispatcher(t.app), rendererDir, port: 0, connectSources: () => t.app.settings.get().telephonyServers });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

const text = (d: WebSocket.RawData): string =>
  Buffer.isBuffer(d) ? d.toString('utf8') : Array.isArray(d) ? Buffer.concat(d).toString('utf8') : Buffer.from(d).toString('utf8');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so that Host and Origin can be anything (fetch would fix them). */
function http(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function login(password = ADMIN_PASSWORD): Promise<{ reply: Reply; cookie: string | null }> {
  const reply = await http('POST', '/auth/login', { origin, 'content-type': 'application/json' }, JSON.stringify({ login: 'admin', password }));
  const set = reply.headers['set-cookie'];
  const cookie = Array.isArray(set) && set[0] ? set[0].split(';')[0]! : null;
  return { reply, cookie };
}

function connect(headers: Record<string, string>): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

function callOver(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(text(data)) as { id?: number; result?: unknown };
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('browser-mode host', () => {
  it('binds to 127.0.0.1 by default', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('serves the page with a strict CSP and refuses unknown Host names (DNS rebinding)', async () => {
    const page = await http('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`ws://127.0.0.1:${host.port}`);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await http('GET', '/', { host: 'evil.example:80' })).status).toBe(421);
    // The microphone on our origin only; camera, location and the rest for nobody.
    const permissions = String(page.headers['permissions-policy']);
    expect(permissions).toContain('microphone=(self)');
    for (const off of ['camera=()', 'geolocation=()', 'payment=()', 'usb=()']) expect(permissions).toContain(off);
  });

  it('lets the page reach the SIP servers an administrator allowed, and no others', async () => {
    const before = String((await http('GET', '/')).headers['content-security-policy']);
    expect(before).not.toContain('wss://pbx.example.com');
    t.app.settings.update({ telephonyServers: ['wss://pbx.example.com:8089/ws', 'ws://127.0.0.1:5066'] });
    const csp = String((await http('GET', '/')).headers['content-security-policy']);
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src'))!;
    expect(connect).toContain('wss://pbx.example.com:8089/ws');
    expect(connect).toContain('ws://127.0.0.1:5066');
    expect(connect).not.toMatch(/ ws:( |$)| wss:( |$)|\*/);
    t.app.settings.update({ telephonyServers: [] });
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const r = await http('GET', path);
      expect(r.body).not.toContain('do not serve');
    }
    expect((await http('GET', '/assets/a.js')).body).toBe('console.log(1)');
  });

  it('logs in over HTTP with an HttpOnly, SameSite=Strict cookie and never shows the token to the page', async () => {
    const { reply, cookie } = await login();
    expect(reply.status).toBe(200);
    expect(cookie).toMatch(/^cc_session=/);
    expect(String(reply.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(reply.body).not.toContain(cookie!.split('=')[1]);
    const session = await http('GET', '/auth/session', { cookie: cookie! });
    expect(JSON.parse(session.body)).toMatchObject({ me: { login: 'admin' } });
    // Both answers say the host's time: the page dates documents by the host's clock, not its own.
    for (const body of [(JSON.parse(reply.body) as { value: { now: number } }).value, JSON.parse(session.body) as { now: number }]) {
      expect(Math.abs(body.now - t.app.ctx.now())).toBeLessThan(5_000);
    }
  });

  it('gives the cookie the session’s absolute lifetime, not the idle one, so a busy user is never logged out by it', async () => {
    const { reply, cookie } = await login();
    const maxAge = (header: unknown) => Number(/Max-Age=(\d+)/.exec(String(header))?.[1]);
    const week = ABSOLUTE_LIFETIME_MS / 1000;
    expect(maxAge(reply.headers['set-cookie'])).toBeGreaterThan(week - 60);
    const value = (JSON.parse(reply.body) as { value: { endsAt: number; now: number } }).value;
    expect(value.endsAt - value.now).toBe(ABSOLUTE_LIFETIME_MS);
    // The session check renews it, counting down to the same end.
    const session = await http('GET', '/auth/session', { cookie: cookie! });
    expect(maxAge(session.headers['set-cookie'])).toBeGreaterThan(week - 60);
    expect((JSON.parse(session.body) as { endsAt: number }).endsAt).toBe(value.endsAt);
  });

  it('answers a wrong password, a malformed body and a foreign Origin clearly', async () => {
    const wrong = await login('nope');
    expect(wrong.reply.status).toBe(401);
    expect(JSON.parse(wrong.reply.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'Wrong login or password.' } });
    const malformed = await http('POST', '/auth/login', { origin }, '{not json');
    expect(malformed.status).toBe(400);
    const huge = await http('POST', '/auth/login', { origin }, 'x'.repeat(10_000));
    expect(huge.status).toBe(413);
    const foreign = await http('POST', '/auth/login', { origin: 'http://evil.example' }, JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }));
    expect(foreign.status).toBe(403);
  });

  it('refuses a WebSocket without a session, or from another origin', async () => {
    expect(await connect({ origin })).toEqual({ status: 401 });
    const { cookie } = await login();
    expect(await connect({ origin: 'http://evil.example', cookie: cookie! })).toEqual({ status: 403 });
    expect(await connect({ cookie: cookie! })).toEqual({ status: 403 });
    expect(await connect({ origin, cookie: 'cc_session=forged-forged-forged-forged' })).toEqual({ status: 401 });
  });

  it('serves the API over the WebSocket and survives garbage', async () => {
    const { cookie } = await login();
    const c = await connect({ origin, cookie: cookie! });
    if (!('ws' in c)) throw new Error(`refused: ${c.status}`);
    const garbage = new Promise((resolve) => c.ws.once('message', (d) => resolve(JSON.parse(text(d)))));
    c.ws.send('this is not json');
    expect(await garbage).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad_request' } } });
    expect(await callOver(c.ws, 1, 'clients.create', { kind: 'company' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await callOver(c.ws, 2, 'session.me', {})).toMatchObject({ ok: true, value: { login: 'admin' } });
    // Logging in over an open socket would show the token to page scripts and switch the socket's identity.
    const relogin = await callOver(c.ws, 5, 'auth.login', { login: 'admin', password: ADMIN_PASSWORD });
    expect(relogin).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(JSON.stringify(relogin)).toContain('POST /auth/login');
    expect(JSON.stringify(relogin)).not.toContain('token');
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    expect(await callOver(c.ws, 3, 'auth.logout', {})).toEqual({ ok: true, value: null });
    expect(await closed).toBe(4001);
    expect(await connect({ origin, cookie: cookie! })).toEqual({ status: 401 });
  });

  it('closes every socket of a session that ends elsewhere (a logout in another tab)', async () => {
    const { cookie } = await login();
    const tabs = await Promise.all([connect({ origin, cookie: cookie! }), connect({ origin, cookie: cookie! })]);
    const closed = tabs.map((c) => {
      if (!('ws' in c)) throw new Error('refused');
      const told: string[] = [];
      c.ws.on('message', (d) => told.push((JSON.parse(text(d)) as { event?: string }).event ?? ''));
      return new Promise<{ code: number; told: string[] }>((resolve) => c.ws.once('close', (code) => resolve({ code, told })));
    });
    expect((await http('POST', '/auth/logout', { origin, cookie: cookie! })).status).toBe(200);
    for (const tab of await Promise.all(closed)) expect(tab).toEqual({ code: 4001, told: ['session.ended'] });
  });

  it('does not let a slow body or a crowd of connections from one client hold the host', async () => {
    const limited = await startHost({ dispatcher: createDispatcher(t.app), rendererDir: join(t.dir, 'renderer'), port: 0, limits: { loginBodyMs: 300, requestMs: 1500, perClient: 4 } });
    try {
      const raw = (lines: string) =>
        new Promise<{ answer: string; closed: boolean }>((resolve) => {
          const socket = connectTcp(limited.port, '127.0.0.1', () => socket.write(lines));
          let answer = '';
          socket.on('data', (c: Buffer) => (answer += c.toString()));
          socket.on('close', () => resolve({ answer, closed: true }));
          socket.on('error', () => undefined);
        });
      const { cookie } = await login();
      const head = (path: string, length: number) =>
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\nOrigin: http://127.0.0.1:${limited.port}\r\nCookie: ${cookie}\r\nX-File-Name: a.txt\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{`;
      // A login body that never comes whole: answered 408 and closed.
      const slowLogin = await raw(head('/auth/login', 100));
      expect(slowLogin.answer).toMatch(/^HTTP\/1.1 408/);
      // An upload whose bytes stop coming: cut when the request's time is up (Node's default would wait 300 s).
      const upload = await raw(head('/files', 1_000_000));
      expect(upload.closed).toBe(true);
      await expect.poll(() => readdirSync(join(t.app.filesDir, '.incoming'))).toEqual([]); // nothing half-stored is kept
      // More connections than a client may hold: the extra one is closed at once.
      const held = await Promise.all(
        Array.from({ length: 4 }, () => new Promise<Socket>((resolve) => { const s = connectTcp(limited.port, '127.0.0.1', () => resolve(s)); })),
      );
      const extra = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\n\r\n`);
      expect(extra).toEqual({ answer: '', closed: true });
      for (const s of held) s.destroy();
    } finally {
      await limited.close();
    }
  });

  it('pushes data-changed events to connected windows', async () => {
    const { cookie } = await login();
    const c = await connect({ origin, cookie: cookie! });
    if (!('ws' in c)) throw new Error('refused');
    const event = new Promise((resolve) => {
      c.ws.on('message', (d) => {
        const msg = JSON.parse(text(d)) as { event?: string };
        if (msg.event) resolve(msg);
      });
    });
    await callOver(c.ws, 1, 'clients.create', { kind: 'person', name: 'João Silva', country: 'PT' });
    expect(await event).toMatchObject({ event: 'data.changed', payload: { capability: 'clients' } });
    c.ws.close();
  });
});
