import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ImapFlow, type MailboxObject } from 'imapflow';
import { formatBytes } from '../../shared/api/files';
import type { Settings } from '../../shared/api/settings';
import type { ServiceContext } from '../core/context';
import type { BackgroundService } from '../core/lifecycle';
import type { SecretBox } from '../core/secrets';
import { isBusy } from '../core/write-gate';
import type { FileStore } from '../files/file-store';
import { ingestMail, refuseMail, type Place } from './ingest';
import { parseMail } from './parse';
import { imapOptions, watchRow, type WatchRow } from './watch-account';

/*
 * The watcher: a background service that reads the shared mailbox and takes each new mail once
 * (ingest.ts). It idles on the folder (IMAP IDLE), so a reply is in its thread within a second or
 * two; it also looks every half minute, in case a server's IDLE goes quiet. A lost connection is
 * tried again after 1, 2, 5, 10, then every 30 seconds, the state shown in Administration.
 *
 * One watcher at a time: a lease in the database (renewed while it reads, taken over a minute
 * after its holder stopped renewing) keeps two processes on one database from racing; the unique
 * UID in mail_inbox would refuse the second one's copy anyway.
 */

const POLL_MS = 30_000;
const LEASE_MS = 60_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/**
 * A mail larger than twice the attachment limit is refused from its headers, its body never
 * downloaded: base64 makes a file a third larger, so such a mail carries more than any file
 * the thread would take.
 */
const maxMailBytes = (s: Settings) => 2 * s.attachmentMaxBytes;

export class MailWatcher implements BackgroundService {
  readonly name = 'mail watcher';
  /** host:pid:uuid, so a process on the same machine can tell that the lease's holder is dead. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  private client: ImapFlow | null = null;
  private loop: Promise<void> | null = null;
  private stopped = true;
  private pending = false;
  /** The connection is being closed on purpose (new settings), not lost. */
  private restarting = false;
  private wake: (() => void) | null = null;
  /** Each mail taken resolves these (tests and the benchmark wait on them). */
  private readonly listeners = new Set<(r: { status: string; interventionId: string | null }) => void>();

  constructor(
    private readonly s: ServiceContext,
    private readonly secrets: SecretBox,
    private readonly files: FileStore,
    private readonly settings: () => Settings,
    private readonly log: (line: string) => void = console.error,
    /** The shared store's lease on a mailbox and how far it was read (sync-service.ts): always granted, nothing known, without a store. */
    private readonly storeLease: StoreLease = { take: () => Promise.resolve({ ok: true, read: null }), release: () => Promise.resolve() },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    const ran = this.loop !== null;
    await this.loop;
    this.loop = null;
    // Never started (or stopped already): it holds no lease, here or in the store.
    if (!ran) return;
    this.s.raw.prepare("UPDATE mail_watch SET lease_owner = NULL, lease_until = NULL WHERE id = 'imap' AND lease_owner = ?").run(this.owner);
    const row = watchRow(this.s);
    if (row) await this.storeLease.release(mailboxKey(row), positionOf(row));
  }

  /** The mailbox's settings changed: reconnect with the new ones. */
  restart(): void {
    this.restarting = true;
    this.client?.close();
    this.nudge();
  }

  /** Calls back after each mail taken; returns the way to stop listening. */
  onTaken(listener: (r: { status: string; interventionId: string | null }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  private wait(ms: number): Promise<void> {
    if (this.pending || this.stopped) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      // Its writes (lease, position, mails taken) wait while the index worker holds the file (core/write-gate.ts).
      await this.s.writes.whenOpen();
      const row = watchRow(this.s);
      if (!row?.enabled || !row.passwordSealed) {
        await this.wait(POLL_MS);
        continue;
      }
      if (!(await this.leased(row))) {
        await this.wait(LEASE_MS / 2);
        continue;
      }
      try {
        await this.session(row);
        failures = 0;
      } catch (e) {
        if (this.stopped) break;
        // Refused by a write gate closed mid-session: not the mailbox's fault, nothing to record.
        if (!isBusy(e)) this.state(null, e);
        failures += 1;
      } finally {
        this.client = null;
      }
      if (!this.stopped) await this.wait(RETRY_MS[Math.min(failures, RETRY_MS.length) - 1] ?? RETRY_MS[0]!);
    }
  }

  /** One connection: reads what is new, then idles until more comes, until the connection ends. */
  private async session(row: WatchRow): Promise<void> {
    const client = new ImapFlow({ ...imapOptions(row, this.secrets), maxIdleTime: 4 * 60_000 });
    this.client = client;
    this.restarting = false;
    let closed = false;
    client.on('close', () => {
      closed = true;
      this.nudge();
    });
    // Errors arrive as 'error' events too; the command that failed also throws, which is what counts.
    client.on('error', () => undefined);
    client.on('exists', () => this.nudge());
    await client.connect();
    const mailbox = await client.mailboxOpen(row.folder);
    while (!this.stopped && !closed) {
      if (!(await this.leased(row))) break;
      await this.drain(client, mailbox);
      // How far it read goes to the store now, not at the next look: a workstation taking over goes on from here.
      if (!(await this.leased(watchRow(this.s)!))) break;
      this.state(this.s.now(), null);
      void client.idle().catch(() => undefined);
      await this.wait(POLL_MS);
    }
    if (!closed) await client.logout().catch(() => client.close());
    // A connection that ended by itself, not by stop(), is an error the loop retries.
    if (closed && !this.stopped && !this.restarting) throw new Error('The mail server closed the connection.');
  }

  /** Takes every mail after the last one taken, in UID order, one transaction each. */
  private async drain(client: ImapFlow, mailbox: MailboxObject): Promise<void> {
    const uidValidity = String(mailbox.uidValidity);
    const row = watchRow(this.s)!;
    // Another UIDVALIDITY means the folder was rebuilt: its UIDs start over, and the Message-IDs
    // already taken keep a mail from being taken twice.
    let last = row.uidValidity === uidValidity ? row.lastUid : 0;
    for (;;) {
      const fresh: { uid: number; size: number }[] = [];
      for await (const m of client.fetch(`${last + 1}:*`, { uid: true, size: true }, { uid: true })) {
        // "N:*" names the last mail even when its UID is below N (RFC 3501): only newer ones count.
        if (m.uid > last) fresh.push({ uid: m.uid, size: m.size ?? 0 });
      }
      if (fresh.length === 0) return;
      fresh.sort((a, b) => a.uid - b.uid);
      const limit = maxMailBytes(this.settings());
      for (const batch of batches(fresh, limit)) {
        // The lease is renewed once a batch: a write per mail would cost as much as the mail.
        if (this.stopped || !(await this.leased(watchRow(this.s)!))) return;
        const sources = new Map<number, Buffer>();
        const wanted = batch.filter((m) => m.size <= limit).map((m) => m.uid);
        if (wanted.length > 0) {
          for await (const m of client.fetch(wanted.join(','), { uid: true, source: true }, { uid: true })) if (m.source) sources.set(m.uid, m.source);
        }
        for (const { uid, size } of batch) {
          if (this.stopped) return;
          await this.take(client, { uidValidity, uid, size }, sources.get(uid));
          last = uid;
        }
      }
    }
  }

  /** Takes one mail: its source fetched already, or (too large) only its headers now. */
  private async take(client: ImapFlow, place: Place, source: Buffer | undefined): Promise<void> {
    await this.s.writes.whenOpen();
    const settings = this.settings();
    let result: { status: string; interventionId: string | null };
    if (place.size > maxMailBytes(settings)) {
      const msg = await client.fetchOne(String(place.uid), { headers: true }, { uid: true });
      const headers = await parseMail(msg ? (msg.headers ?? Buffer.alloc(0)) : Buffer.alloc(0)).catch(() => null);
      const interventionId = refuseMail(this.s, place, headers ?? blank, `mail over ${formatBytes(maxMailBytes(settings))} is not taken. Ask for the files another way.`);
      result = { status: 'refused', interventionId };
    } else {
      const mail = source ? await parseMail(source).catch((e: unknown) => (this.log(`mail: UID ${place.uid} unreadable: ${String(e)}`), null)) : null;
      if (mail) {
        result = ingestMail(this.s, this.files, { attachmentMaxBytes: settings.attachmentMaxBytes, answerWords: settings.mailAnswerWords }, place, mail);
      } else {
        result = { status: 'refused', interventionId: refuseMail(this.s, place, blank, 'it could not be read as a mail.') };
      }
    }
    for (const l of this.listeners) l(result);
  }

  /**
   * Both leases: this database's (between processes on it), then the shared store's (between
   * workstations), which also records how far this one read and tells how far any did: a
   * workstation taking over from another goes on after the last mail the other took.
   */
  private async leased(row: WatchRow): Promise<boolean> {
    if (!this.lease()) return false;
    const { ok, read } = await this.storeLease.take(mailboxKey(row), LEASE_MS, positionOf(row));
    if (ok && read && (read.uidValidity !== row.uidValidity || read.lastUid > row.lastUid)) {
      this.s.raw.prepare("UPDATE mail_watch SET uid_validity = ?, last_uid = ? WHERE id = 'imap'").run(read.uidValidity, read.lastUid);
    }
    return ok;
  }

  /**
   * Takes or renews the lease; false while another process holds it. A holder that was a process
   * of this machine and is gone (killed, crashed) is taken over at once: the app started again
   * after a crash reads its mail now, not a minute later.
   */
  private lease(): boolean {
    const now = Date.now();
    const holder = this.s.raw.prepare("SELECT lease_owner FROM mail_watch WHERE id = 'imap'").pluck().get() as string | null | undefined;
    const dead = holder && holder !== this.owner && deadHere(holder) ? holder : null;
    return (
      this.s.raw
        .prepare("UPDATE mail_watch SET lease_owner = ?, lease_until = ? WHERE id = 'imap' AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ? OR lease_owner = ?)")
        .run(this.owner, now + LEASE_MS, this.owner, now, dead).changes === 1
    );
  }

  private state(checkedAt: number | null, error: unknown): void {
    if (error === null) {
      this.s.raw.prepare("UPDATE mail_watch SET checked_at = ?, last_error = NULL WHERE id = 'imap'").run(checkedAt);
      return;
    }
    const err = error as { responseText?: string; message?: string };
    const text = (err.responseText ?? err.message ?? 'unknown error').slice(0, 1000);
    const before = this.s.raw.prepare("SELECT last_error FROM mail_watch WHERE id = 'imap'").pluck().get() as string | null | undefined;
    this.s.raw.prepare("UPDATE mail_watch SET last_error = ? WHERE id = 'imap'").run(text);
    // Logged when it changes, not at every retry of a server that stays down.
    if (before !== text) this.log(`mail watcher: ${text}`);
  }
}

/** Mails in UID order, in groups fetched with one command: at most 100, at most 8 MB of sources held at once. */
function* batches(mails: readonly { uid: number; size: number }[], limit: number): Generator<{ uid: number; size: number }[]> {
  let batch: { uid: number; size: number }[] = [];
  let bytes = 0;
  for (const m of mails) {
    const held = m.size <= limit ? m.size : 0;
    if (batch.length > 0 && (batch.length >= 100 || bytes + held > 8 * 1024 * 1024)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(m);
    bytes += held;
  }
  if (batch.length > 0) yield batch;
}

interface StoreLease {
  take(mailbox: string, ms: number, read: { uidValidity: string; lastUid: number } | null): Promise<{ ok: boolean; read: { uidValidity: string; lastUid: number } | null }>;
  release(mailbox: string, read: { uidValidity: string; lastUid: number } | null): Promise<void>;
}

const positionOf = (row: WatchRow) => (row.uidValidity ? { uidValidity: row.uidValidity, lastUid: row.lastUid } : null);

/** Whether a lease owner (host:pid:uuid) was a process of this machine that no longer runs. */
function deadHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    // EPERM: it runs, as another user. Only "no such process" means gone.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A mailbox's name for the store's lease: the same mailbox read from any workstation. */
const mailboxKey = (row: WatchRow) => `${row.user.toLowerCase()}@${row.host.toLowerCase()}:${row.port}/${row.folder}`;

const blank = { recipients: [], references: [], subject: '', from: { address: '', name: '' }, messageId: null };
