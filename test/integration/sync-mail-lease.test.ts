import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStoreUser } from '../../src/main/sync/store-admin';
import { startDovecot, type ImapServer } from '../support/dovecot';
import { tempStore } from '../support/store';
import { call, joinStore, newStation, type Station } from '../support/sync-station';

/*
 * Two workstations syncing with one store watch the same shared mailbox: the store's lease lets
 * one read at a time, so each mail is taken by one of them only; when that one stops, the other
 * takes over. Real PostgreSQL and Dovecot on 127.0.0.1.
 */

const MAILBOX = 'replies@example.test';
const PASSWORD = 'store-admin-pw';
let store: Awaited<ReturnType<typeof tempStore>>;
let imap: ImapServer;
const stations: Station[] = [];

beforeAll(async () => {
  store = await tempStore();
  await createStoreUser(store.ownerUrl, 'storeadmin', PASSWORD, 'admin', Date.UTC(2026, 10, 2));
  imap = await startDovecot({ [MAILBOX]: 'imap-secret' });
}, 60_000);

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  await store?.dispose();
  await imap?.dispose();
});

async function workstation(): Promise<Station> {
  const w = newStation();
  stations.push(w);
  await joinStore(w, store.ownerUrl, 'storeadmin', PASSWORD);
  return w;
}

const taken = (w: Station) => w.t.app.ctx.raw.prepare('SELECT count(*) FROM mail_inbox').pluck().get() as number;

describe('the shared mailbox with a shared store', () => {
  it('the store lends the mailbox to one workstation at a time, until it gives it back or its lease runs out', async () => {
    const a = await workstation();
    const b = await workstation();
    const take = (w: Station, box: string, ms: number, read: { uidValidity: string; lastUid: number } | null = null) => w.t.app.sync.mailLease(box, ms, read);
    expect(await take(a, 'box@test', 2_000, { uidValidity: '7', lastUid: 12 })).toEqual({ ok: true, read: { uidValidity: '7', lastUid: 12 } });
    // Held: refused to the other, who learns how far it was read.
    expect(await take(b, 'box@test', 2_000)).toEqual({ ok: false, read: { uidValidity: '7', lastUid: 12 } });
    // Renewed by its holder; the reading only moves forward; another mailbox is another lease.
    expect(await take(a, 'box@test', 2_000, { uidValidity: '7', lastUid: 10 })).toEqual({ ok: true, read: { uidValidity: '7', lastUid: 12 } });
    expect((await take(b, 'other@test', 2_000)).ok).toBe(true);
    await a.t.app.sync.releaseMailLease('box@test', { uidValidity: '7', lastUid: 15 });
    // Given back, with how far it was read.
    expect(await take(b, 'box@test', 1_000)).toEqual({ ok: true, read: { uidValidity: '7', lastUid: 15 } });
    // Run out (the store's clock): the other takes it over.
    await vi.waitFor(async () => expect((await take(a, 'box@test', 2_000)).ok).toBe(true), { timeout: 5_000, interval: 200 });
    await a.t.app.sync.releaseMailLease('box@test', null);
    // Bad input is refused by the store, and answered as "not now".
    expect((await take(a, '', 2_000)).ok).toBe(false);
  });

  it('two workstations watching one mailbox take each mail once between them; the second takes over when the first stops', async () => {
    const a = stations[0]!;
    const b = stations[1]!;
    const watch = { host: '127.0.0.1', port: imap.port, security: 'none', user: MAILBOX, password: 'imap-secret', folder: 'INBOX' };
    await call(a, 'mail.watch.save', watch);
    await call(b, 'mail.watch.save', watch);
    const deliverer = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: 'imap-secret' }, logger: false });
    await deliverer.connect();
    try {
      for (let i = 0; i < 10; i++) await deliverer.append('INBOX', Buffer.from(`From: x${i}@client.test\r\nTo: ${MAILBOX}\r\nSubject: first ${i}\r\nMessage-ID: <lease-a-${i}@client.test>\r\n\r\nhello ${i}\r\n`));
      await vi.waitFor(() => expect(taken(a) + taken(b)).toBe(10), { timeout: 20_000, interval: 100 });
      const reader = taken(a) === 10 ? a : b;
      const other = reader === a ? b : a;
      expect(taken(other)).toBe(0);
      // The reader stops (its lease given back): the other reads what comes next, and nothing twice.
      await reader.t.app.mailWatcher.stop();
      for (let i = 0; i < 5; i++) await deliverer.append('INBOX', Buffer.from(`From: y${i}@client.test\r\nTo: ${MAILBOX}\r\nSubject: second ${i}\r\nMessage-ID: <lease-b-${i}@client.test>\r\n\r\nhello ${i}\r\n`));
      await vi.waitFor(() => expect(taken(other)).toBeGreaterThanOrEqual(5), { timeout: 60_000, interval: 200 });
      // The newcomer goes on from where the first stopped (the store knows): the five, not the ten again.
      const subjects = (w: Station) => w.t.app.ctx.raw.prepare('SELECT subject FROM mail_inbox ORDER BY subject').pluck().all() as string[];
      expect(subjects(reader)).toHaveLength(10);
      expect(subjects(other)).toEqual(['second 0', 'second 1', 'second 2', 'second 3', 'second 4']);
    } finally {
      await deliverer.logout().catch(() => undefined);
    }
  }, 90_000);
});
