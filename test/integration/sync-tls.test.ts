import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreUser } from '../../src/main/sync/store-admin';
import type { SyncState } from '../../src/shared/api/sync';
import { startCluster } from '../support/pg-cluster';
import { tempStore } from '../support/store';
import { logIn, newStation, type Station } from '../support/sync-station';
import { ADMIN_PASSWORD, tempDir } from '../support/temp-app';
import { makeCa, serverCert } from '../support/tls';

/*
 * A store reached over TLS with verify-full (the certificate checked against the CA the URL
 * names, and for the address it is reached at): joining works and its connections are
 * encrypted; a certificate from another CA, or for another name, is refused with a clear message.
 */

const LOGIN = 'tlsadmin';
const PASSWORD = 'tls-store-password';

let cluster: Awaited<ReturnType<typeof startCluster>>;
let certs: ReturnType<typeof tempDir>;
let ownerUrl: string;
let caFile: string;
let otherCaFile: string;
const stations: Station[] = [];

async function tryJoin(url: string): Promise<{ ok: true; state: SyncState; station: Station } | { ok: false; message: string }> {
  const w = newStation();
  stations.push(w);
  await logIn(w, 'admin', ADMIN_PASSWORD);
  const r = await w.dispatch(w.caller, 'sync.join', { url, login: LOGIN, password: PASSWORD });
  return r.ok ? { ok: true, state: r.value as SyncState, station: w } : { ok: false, message: r.error.message };
}

const storeUrl = (host: string, ca: string) => {
  const u = new URL(ownerUrl);
  u.hostname = host;
  u.username = '';
  u.password = '';
  u.search = `?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`;
  return u.toString();
};

beforeAll(async () => {
  certs = tempDir();
  const ca = makeCa(certs.dir, 'store-ca');
  otherCaFile = makeCa(certs.dir, 'other-ca').cert;
  caFile = ca.cert;
  cluster = await startCluster({ tls: serverCert(certs.dir, ca, '127.0.0.1') });
  ownerUrl = (await tempStore(cluster.ownerUrl)).ownerUrl;
  await createStoreUser(ownerUrl, LOGIN, PASSWORD, 'admin', Date.UTC(2026, 10, 2));
}, 60_000);

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  cluster?.stop();
  certs?.dispose();
});

describe('a store over TLS with verify-full', () => {
  it('is joined with its CA, over encrypted connections', async () => {
    const joined = await tryJoin(storeUrl('127.0.0.1', caFile));
    expect(joined.ok, joined.ok ? '' : joined.message).toBe(true);
    if (!joined.ok) return;
    expect(joined.state.status).toBe('online');
    // The store's URL is kept with its TLS settings, never with a password.
    expect(joined.state.store).toContain('sslmode=verify-full');
    // A round as the user who joined: its connection stays open.
    await joined.station.t.app.sync.syncNow();
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      const r = await owner.query<{ ssl: boolean }>("SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'callcenter-sync'");
      expect(r.rows.length).toBeGreaterThan(0);
      expect(r.rows.every((x) => x.ssl)).toBe(true);
    } finally {
      await owner.end();
    }
  });

  it('refuses a certificate signed by another CA, and one made for another name', async () => {
    const otherCa = await tryJoin(storeUrl('127.0.0.1', otherCaFile));
    expect(otherCa.ok).toBe(false);
    if (!otherCa.ok) expect(otherCa.message).toMatch(/The store refused the connection: .*certificate/i);
    const otherName = await tryJoin(storeUrl('localhost', caFile));
    expect(otherName.ok).toBe(false);
    if (!otherName.ok) expect(otherName.message).toMatch(/The store refused the connection: .*(altnames|does not match|localhost)/i);
  });
});
