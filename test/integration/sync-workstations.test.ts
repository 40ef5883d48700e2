import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { createStoreUser } from '../../src/main/sync/store-admin';
import type { SyncState } from '../../src/shared/api/sync';
import { tempStore } from '../support/store';
import { tempApp, type TempApp } from '../support/temp-app';

/*
 * Two workstations (each its own SQLite file and app) and one shared store on a real
 * PostgreSQL: joining, pushing, pulling, merging, and working on through a cut network.
 */

/** A TCP proxy on loopback in front of the store: cut() drops every connection and refuses new ones. */
class Proxy {
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  private constructor(private readonly server: Server) {}

  static async start(target: { host: string; port: number }): Promise<Proxy> {
    const server = createServer();
    const p = new Proxy(server);
    server.on('connection', (inbound) => {
      if (p.cutOff) return inbound.destroy();
      const outbound = new Socket();
      outbound.connect(target.port, target.host);
      for (const s of [inbound, outbound]) {
        p.sockets.add(s);
        s.on('close', () => p.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return p;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server.close(r));
  }
}

interface Workstation {
  t: TempApp;
  dispatch: Dispatch;
  caller: Caller;
}

let store: Awaited<ReturnType<typeof tempStore>>;
let proxy: Proxy;
let urlVia: string;
const stations: Workstation[] = [];
const PASSWORD = 'store-admin-pw';

async function call<T>(w: Workstation, method: string, input: unknown): Promise<T> {
  const r = await w.dispatch(w.caller, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
  return r.value as T;
}

/** A workstation that joined the store and logged in as its administrator. */
async function workstation(): Promise<Workstation> {
  const t = tempApp();
  t.app.start();
  const w: Workstation = { t, dispatch: createDispatcher(t.app, { log: () => {} }).call, caller: { transport: 'ipc', token: null } };
  stations.push(w);
  // The workstation's own first administrator joins; the store's administrator logs in after.
  await call(w, 'auth.login', { login: 'admin', password: 'admin-test-password' });
  await call(w, 'sync.join', { url: urlVia, login: 'storeadmin', password: PASSWORD });
  w.caller = { transport: 'ipc', token: null };
  await call(w, 'auth.login', { login: 'storeadmin', password: PASSWORD });
  return w;
}

const synced = (w: Workstation) => call<SyncState>(w, 'sync.now', {});

beforeAll(async () => {
  store = await tempStore();
  await createStoreUser(store.ownerUrl, 'storeadmin', PASSWORD, 'admin', Date.UTC(2026, 10, 2));
  const owner = new URL(store.ownerUrl);
  proxy = await Proxy.start({ host: owner.hostname, port: Number(owner.port) });
  const via = new URL(store.ownerUrl);
  via.port = String(proxy.port);
  via.username = '';
  via.password = '';
  urlVia = via.toString();
});

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  await proxy.close();
  await store.dispose();
});

describe('two workstations and a shared store', () => {
  it("see each other's changes; different fields of one record both stay", async () => {
    const a = await workstation();
    const b = await workstation();
    expect((await synced(a)).status).toBe('online');
    const made = await call<{ id: string; version: number }>(a, 'clients.create', { kind: 'company', name: 'Frigo Sync SRL', country: 'RO', phone: '021 311 2233' });
    expect((await synced(a)).pending).toBe(0);
    await synced(b);
    const seen = await call<{ client: { name: string; version: number } }>(b, 'clients.get', { id: made.id });
    expect(seen.client.name).toBe('Frigo Sync SRL');
    // Both edit the same client, different fields, before either syncs.
    const onA = await call<{ version: number }>(a, 'clients.get', { id: made.id }).then((d) => (d as unknown as { client: { version: number } }).client);
    await call(a, 'clients.update', { id: made.id, version: onA.version, patch: { phone: '0722 123 456' } });
    await call(b, 'clients.update', { id: made.id, version: seen.client.version, patch: { email: 'office@frigo.test' } });
    await synced(a);
    await synced(b);
    await synced(a);
    for (const w of [a, b]) {
      const d = await call<{ client: { phone: string; email: string } }>(w, 'clients.get', { id: made.id });
      expect(d.client).toMatchObject({ phone: '+40722123456', email: 'office@frigo.test' });
    }
  });

  it('works on through a cut network and catches up when it comes back; the other sees every change', async () => {
    const [a, b] = stations as [Workstation, Workstation];
    proxy.cut();
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'person', name: 'Ana Offline', country: 'RO' });
    const state = await synced(a);
    expect(state.status).toBe('offline');
    expect(state.pending).toBeGreaterThan(0);
    proxy.restore();
    // The loop reconnects by itself (back-off), no call needed.
    await vi.waitFor(async () => expect((await call<SyncState>(a, 'sync.status', {})).pending).toBe(0), { timeout: 15_000, interval: 200 });
    await synced(b);
    expect((await call<{ client: { name: string } }>(b, 'clients.get', { id: made.id })).client.name).toBe('Ana Offline');
  });

  it('pushes again after a crash between the push and its mark, and nothing is applied twice', async () => {
    const [a, b] = stations as [Workstation, Workstation];
    const made = await call<{ id: string; version: number }>(a, 'clients.create', { kind: 'company', name: 'Dublu SRL', country: 'RO' });
    await synced(a);
    // As if the app died after the store answered but before the outbox was marked.
    a.t.app.ctx.raw.prepare('UPDATE outbox SET pushed_at = NULL').run();
    expect((await synced(a)).pending).toBe(0);
    await synced(b);
    const onB = await call<{ client: { version: number } }>(b, 'clients.get', { id: made.id });
    expect(onB.client.version).toBe(1);
    const n = b.t.app.ctx.raw.prepare("SELECT count(*) AS n FROM clients WHERE name = 'Dublu SRL'").get() as { n: number };
    expect(n.n).toBe(1);
    expect(a.t.app.ctx.raw.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('refuses to join over work of its own unless told to discard it, and a wrong store login', async () => {
    const [a] = stations as [Workstation];
    const r = await a.dispatch(a.caller, 'sync.join', { url: urlVia, login: 'storeadmin', password: PASSWORD });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Confirm to discard them/);
    const bad = await a.dispatch(a.caller, 'sync.join', { url: urlVia, login: 'storeadmin', password: 'nope', discardLocal: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/refused the connection/);
    const notUrl = await a.dispatch(a.caller, 'sync.join', { url: 'http://x', login: 'storeadmin', password: PASSWORD });
    expect(notUrl.ok).toBe(false);
  });
});
