import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { CAPABILITIES } from '../../shared/api/capabilities';
import type { ConflictRow, StoreWorkstation, SyncState } from '../../shared/api/sync';
import { ApiError } from '../../shared/api/result';
import { effectiveScope, type Role, type Scope } from '../../shared/domain/permissions';
import type { BackgroundService } from '../core/lifecycle';
import type { ServiceContext } from '../core/context';
import type { FileStore } from '../files/file-store';
import { TABLES } from '../core/tables';
import { syncFiles } from './file-sync';
import { dropLeftScope } from './scope-leave';
import { bootstrapPending, droppedIndexes, runBootstrap, startBootstrap } from './bootstrap';
import { topUpNumbers } from './number-reserve';
import { describeConflict, describeWorkstation } from './review';
import { markPushed, pendingCount, pendingMutations, unmarkLost } from './outbox';
import { pullAll, startAgainIfRestored } from './pull';
import { showUrl, START, StoreConnection, userUrl, type MailPosition, type PushOutcome, type WorkstationId } from './store-connection';
import { getSyncState, setSyncState, writeCursor } from './sync-state';

/*
 * The sync loop (a background service): pushes the outbox to the shared store as each change's
 * author, pulls what others changed after this workstation's cursor, and applies it through the
 * write path; woken by a local write, by the store's NOTIFY, and every few seconds. Offline, the
 * app works on as before and the outbox waits; the loop reconnects with back-off.
 *
 * A user reaches the store with their own login and password, known to this workstation only
 * while the app runs and only after they logged in here (never written anywhere).
 */

const PUSH_ENTRIES = 500;
const POLL_MS = 10_000;
/** How soon to pull again when changes are committed but held back by an older transaction still running. */
const HELD_BACK_MS = 150;
/** How long "Sync now" waits for changes held back that way before it answers. */
const SYNC_NOW_WAIT_MS = 5000;
/** The newest conflicts a review shows (an operator works through a few; older ones stay in the store). */
const CONFLICTS_SHOWN = 500;
const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

interface Credentials {
  login: string;
  password: string;
}

export class SyncService implements BackgroundService {
  readonly name = 'sync';
  private readonly credentials = new Map<string, Credentials>();
  /** The last user who logged in: the store is pulled as them (and system changes pushed). */
  private lastUser: string | null = null;
  private readonly connections = new Map<string, StoreConnection>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the timer's round is due (Date.now() time, not the app's clock: it times the loop). */
  private due = 0;
  private running = false;
  private round: Promise<void> | null = null;
  private again = false;
  /** The last pull left changes behind that were committed but not yet handed out. */
  private heldBack = false;
  private failures = 0;
  private offCommitted: (() => void) | null = null;
  /** A join under way: no round may run beside it (it empties and downloads the tables). */
  private joining = false;
  private download: AbortController | null = null;
  private state: SyncState;

  constructor(
    private readonly s: ServiceContext,
    private readonly files: FileStore,
  ) {
    this.state = { status: 'standalone', store: null, pending: 0, lastSyncAt: null, message: null, rejected: 0, conflicts: 0, files: { toSend: 0, toReceive: 0 }, progress: null };
  }

  /** The store this workstation syncs with (its URL, without password), or null: standalone. */
  get storeUrl(): string | null {
    return getSyncState(this.s.raw, 'store');
  }

  /**
   * Whether work the system does on its own here (a contract's interventions) can reach the
   * store: standalone, or syncing as a user whose scope is everything (the system's changes are
   * pushed as the syncing user; a technician's laptop would have them refused).
   */
  get pushesSystemWork(): boolean {
    if (!this.storeUrl) return true;
    if (!this.lastUser) return false;
    const u = this.s.raw.prepare('SELECT role, scope FROM users WHERE id = ?').get(this.lastUser) as { role: Role; scope: Scope | null } | undefined;
    return u !== undefined && effectiveScope(u.role, u.scope) === 'all';
  }

  /**
   * Whether this workstation may read the shared mailbox now. Standalone it may (the database's
   * own lease decides between processes). Syncing, only where the system's work reaches the store
   * (the mail's messages are pushed as the syncing user) and while the store's lease on that
   * mailbox is this workstation's: two workstations never take the same mail.
   */
  async mailLease(mailbox: string, ms: number, read: MailPosition | null): Promise<{ ok: boolean; read: MailPosition | null }> {
    if (!this.storeUrl) return { ok: true, read: null };
    if (!this.pushesSystemWork) return { ok: false, read: null };
    try {
      const c = await this.connection(this.lastUser!);
      return c ? await c.takeMailLease(this.workstation(), mailbox, ms, read) : { ok: false, read: null };
    } catch {
      // The store out of reach: another workstation may be reading; the mail waits in its mailbox.
      return { ok: false, read: null };
    }
  }

  /** Gives the mailbox's lease back (the watcher stopped), with how far it read, so another workstation goes on from there at once. */
  async releaseMailLease(mailbox: string, read: MailPosition | null): Promise<void> {
    if (!this.storeUrl || !this.lastUser) return;
    try {
      const c = await this.connection(this.lastUser);
      await c?.releaseMailLease(this.workstation(), mailbox, read);
    } catch {
      // Out of reach: the lease runs out by itself.
    }
  }

  get status(): SyncState {
    return { ...this.state, store: this.storeUrl ? showUrl(this.storeUrl) : null, pending: pendingCount(this.s.raw) };
  }

  start(): void {
    this.running = true;
    // A local change is pushed at once (a write made by a pull is not pushed back).
    this.offCommitted = this.s.events.onCommitted((notice) => {
      if (notice.local) this.soon(30);
    });
    this.soon(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.download?.abort();
    this.offCommitted?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round?.catch(() => undefined);
    await this.dropConnections();
  }

  /**
   * Checks a login against the store: true or false, or null when there is no store or it
   * cannot be reached (the app then decides with what it knows locally, and says it is offline).
   */
  async checkLogin(login: string, password: string): Promise<boolean | null> {
    const url = this.storeUrl;
    if (!url) return null;
    // Known to be offline (the last round could not reach the store): the login does not wait
    // for a connection that would time out; the loop keeps trying by itself.
    if (this.failures > 0) return null;
    try {
      const c = await StoreConnection.open(userUrl(url, login, password));
      await c.close();
      return true;
    } catch (e) {
      const code = (e as { code?: string }).code;
      // 28P01: wrong password; 28000: no such role, or the store has no active user for it.
      if (code === '28P01' || code === '28000') return false;
      return null;
    }
  }

  /** A user logged in here: their changes can be pushed, and the store pulled, as them. */
  remember(userId: string, login: string, password: string): void {
    const had = this.credentials.get(userId);
    this.credentials.set(userId, { login, password });
    this.lastUser = userId;
    if (had && had.password !== password) void this.connections.get(userId)?.close();
    if (had?.password !== password) this.connections.delete(userId);
    this.soon(0);
  }

  /**
   * Joins a store: this workstation's replicated data is replaced by the store's (pulled from
   * the start as `login`), its cursor and outbox start afresh. Refused when it holds work of its
   * own (interventions, clients) unless `discardLocal`.
   */
  async join(url: string, login: string, password: string, discardLocal: boolean): Promise<SyncState> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ApiError('validation', 'The store URL is not a URL (postgres://host:port/database).');
    }
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new ApiError('validation', 'The store URL starts with postgres:// or postgresql://.');
    parsed.username = '';
    parsed.password = '';
    const storeUrl = parsed.toString();
    const own = this.s.raw.prepare('SELECT (SELECT count(*) FROM interventions) + (SELECT count(*) FROM clients) AS n').get() as { n: number };
    if (own.n > 0 && !discardLocal) {
      throw new ApiError('conflict', `This workstation holds ${own.n.toLocaleString('en')} interventions and clients of its own; joining a store replaces them. Confirm to discard them.`);
    }
    let c: StoreConnection;
    try {
      c = await StoreConnection.open(userUrl(storeUrl, login, password));
    } catch (e) {
      throw new ApiError('refused', `The store refused the connection: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.joining = true;
    try {
      await this.stopRound();
      await this.dropConnections();
      this.empty(storeUrl);
      await this.downloadStore(userUrl(storeUrl, login, password));
      await pullAll(this.s, c);
      await topUpNumbers(this.s, c, this.workstation());
      // The one who joined syncs on as that store user until someone logs in here.
      const me = this.s.raw.prepare('SELECT id FROM users WHERE lower(login) = lower(?)').pluck().get(login) as string | undefined;
      if (me) {
        this.credentials.set(me, { login, password });
        this.lastUser = me;
      }
      this.failures = 0;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.state = { ...this.state, status: 'offline', message };
      this.emit();
      throw new ApiError('refused', `Joined the store, but its download stopped: ${message} It goes on from where it stopped when you log in again.`);
    } finally {
      this.joining = false;
      await c.close();
    }
    this.state = { ...this.state, status: 'online', lastSyncAt: this.s.now(), message: null };
    this.emit();
    this.soon(0);
    return this.status;
  }

  /** Every replicated table emptied for a new store, and its download prepared. */
  private empty(storeUrl: string): void {
    // Who logged in here before were this workstation's own users: not the store's.
    this.credentials.clear();
    this.lastUser = null;
    this.s.raw.transaction(() => {
      // Children before parents (no foreign key is left dangling).
      this.s.raw.pragma('defer_foreign_keys = ON');
      const earlier = droppedIndexes(this.s.raw);
      for (const table of Object.keys(TABLES).reverse()) this.s.raw.prepare(`DELETE FROM "${table}"`).run();
      this.s.raw.prepare('DELETE FROM outbox').run();
      this.s.raw.prepare('DELETE FROM sessions').run();
      this.s.raw.prepare('DELETE FROM sync_state').run();
      this.s.raw.prepare('DELETE FROM synced_files').run();
      this.s.raw.prepare('DELETE FROM sync_bases').run();
      setSyncState(this.s.raw, 'store', storeUrl);
      setSyncState(this.s.raw, 'workstation', uuidv7());
      setSyncState(this.s.raw, 'workstation_key', randomBytes(32).toString('base64url'));
      writeCursor(this.s.raw, START);
      startBootstrap(this.s.raw, earlier);
    })();
    this.startOver();
  }

  /** Every open window and cached answer starts over on the store's data. */
  private startOver(): void {
    this.s.events.committed({ rows: [], touched: [], reset: true });
    for (const capability of CAPABILITIES) this.s.events.emit('data.changed', { capability, ids: [] });
  }

  /** Downloads the store (or goes on with a download cut short), showing how far it has come. */
  private async downloadStore(url: string): Promise<void> {
    this.download = new AbortController();
    this.s.reads.hold('The shared store is being downloaded to this workstation: lists and counts come back when it ends (the sync panel shows how far it is).');
    try {
      await runBootstrap(this.s.raw, url, {
        signal: this.download.signal,
        onProgress: (progress) => {
          this.state = { ...this.state, status: 'syncing', progress };
          this.emit();
        },
        finish: (cursor) => writeCursor(this.s.raw, cursor),
        writes: this.s.writes,
      });
    } finally {
      this.download = null;
      this.s.reads.release();
      this.state = { ...this.state, progress: null };
    }
    this.startOver();
  }

  /** The caller's conflicts as the store keeps them, readable here (sync/review.ts). */
  async conflicts(userId: string, all: boolean): Promise<ConflictRow[]> {
    const rows = await this.asUser(userId, (c) => c.conflicts(all, CONFLICTS_SHOWN));
    return rows.map((r) => describeConflict(this.s, r));
  }

  async resolveConflict(userId: string, id: number): Promise<{ resolved: boolean }> {
    const resolved = await this.asUser(userId, (c) => c.resolveConflict(id, this.s.now()));
    return { resolved };
  }

  async workstations(userId: string): Promise<StoreWorkstation[]> {
    const rows = await this.asUser(userId, (c) => c.workstations());
    const me = getSyncState(this.s.raw, 'workstation');
    return rows.map((w) => describeWorkstation(w, me));
  }

  /** Asks the store as the calling user; a clear refusal when there is no store, no login, or no connection. */
  private async asUser<T>(userId: string, ask: (c: StoreConnection) => Promise<T>): Promise<T> {
    if (!this.storeUrl) throw new ApiError('refused', 'This workstation does not sync with a shared store.');
    let c: StoreConnection | null;
    try {
      c = await this.connection(userId);
    } catch (e) {
      throw new ApiError('refused', `The shared store cannot be reached now: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!c) throw new ApiError('refused', 'Log in again to reach the shared store (this workstation knows your store password only after a login).');
    try {
      return await ask(c);
    } catch (e) {
      const code = (e as { code?: string }).code;
      const message = e instanceof Error ? e.message : String(e);
      if (code === '42501') throw new ApiError('forbidden', message);
      if (code === 'P0002') throw new ApiError('not_found', message);
      throw new ApiError('refused', `The shared store cannot be reached now: ${message}`);
    }
  }

  /** One round now (push, then pull); resolves when it is done. */
  async syncNow(): Promise<SyncState> {
    if (!this.storeUrl || this.joining) return this.status;
    // A round already under way may have started before this call's changes: one more after it.
    await this.round?.catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.runRound();
    // "Sync now" brings everything already committed: changes held back for a moment by a
    // transaction still running in the store are waited for, a few seconds at most.
    for (const until = Date.now() + SYNC_NOW_WAIT_MS; this.heldBack && this.running && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, HELD_BACK_MS));
      await this.round?.catch(() => undefined);
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await this.runRound();
    }
    return this.status;
  }

  private soon(ms: number): void {
    if (!this.running || !this.storeUrl) return;
    if (this.round || this.joining) {
      this.again = true;
      return;
    }
    // A round already due sooner stands; a later one (the poll) gives way to this one.
    const due = Date.now() + ms;
    if (this.timer) {
      if (this.due <= due) return;
      clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runRound();
    }, ms);
    this.timer.unref?.();
  }

  private runRound(): Promise<void> {
    if (this.round) return this.round;
    this.again = false;
    this.round = this.roundOnce()
      .then(
        () => {
          this.failures = 0;
        },
        (e: unknown) => {
          this.failures++;
          const message = e instanceof Error ? e.message : String(e);
          this.state = { ...this.state, status: 'offline', message };
          void this.dropConnections();
        },
      )
      .finally(() => {
        this.round = null;
        this.emit();
        if (!this.running) return;
        const wait = this.again
          ? 0
          : this.failures > 0
            ? BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)]!
            : this.heldBack
              ? HELD_BACK_MS
              : POLL_MS;
        this.soon(wait);
      });
    return this.round;
  }

  private async stopRound(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round?.catch(() => undefined);
  }

  private async roundOnce(): Promise<void> {
    const url = this.storeUrl;
    if (!url) return;
    const puller = this.lastUser ? await this.connection(this.lastUser) : null;
    if (!puller) {
      this.state = { ...this.state, status: 'needs-login', message: 'Log in to sync with the shared store.' };
      return;
    }
    this.state = { ...this.state, status: 'syncing' };
    this.emit();
    // A download of the store cut short (network, app closed) goes on first, as the same user.
    if (bootstrapPending(this.s.raw)) {
      const cred = this.credentials.get(this.lastUser!)!;
      await this.downloadStore(userUrl(url, cred.login, cred.password));
    }
    const waiting = await this.pushAll(puller);
    const restored = await startAgainIfRestored(this.s, puller);
    const { pulled, heldBack } = await pullAll(this.s, puller);
    this.heldBack = heldBack;
    // Something changed in the store (maybe out of sight): interventions that left the user's scope leave here too.
    const left = pulled > 0 ? await this.dropLeft(puller) : null;
    // Numbers for offline work, and the documents that waited for theirs (pushed next round).
    await topUpNumbers(this.s, puller, this.workstation());
    // Attachments' files after their rows; what the round's budget left goes on at once.
    const moved = await syncFiles(this.s.raw, this.files, puller, this.s.now());
    if (moved.more) this.again = true;
    this.state = { ...this.state, files: { toSend: moved.toSend, toReceive: moved.toReceive } };
    const damaged = moved.damaged.length > 0 ? `${moved.damaged.length} file(s) on this computer do not match their hash (damaged on disk) and cannot be sent: ${moved.damaged.join(', ')}.` : null;
    const where = await puller.report(this.workstation(), this.s.now(), pendingCount(this.s.raw));
    const lost = where ? unmarkLost(this.s.raw, where.lastSeq) : 0;
    if (lost > 0) this.again = true;
    this.state = {
      ...this.state,
      status: 'online',
      lastSyncAt: this.s.now(),
      // What needs saying most, first.
      message:
        [
          waiting ? `Changes of ${waiting} wait until they log in here.` : null,
          restored ? 'The store is behind this workstation (restored from a backup?): everything was pulled again.' : null,
          lost > 0 ? `The store did not have ${lost} of this workstation's changes it had accepted (a crash or a restore lost them); they are sent again.` : null,
          damaged,
          left,
        ].find((m) => m !== null) ?? null,
    };
  }

  /** Pushes the outbox in order, each mutation as its author; answers whose login it waits for. */
  private async pushAll(puller: StoreConnection): Promise<string | null> {
    const ws = this.workstation();
    for (;;) {
      const batch = pendingMutations(this.s.raw, PUSH_ENTRIES);
      if (batch.length === 0) return null;
      // The first mutation's author, and the mutations after it by the same author.
      const author = batch[0]!.userId;
      const other = batch.findIndex((m) => m.userId !== author);
      const run = other < 0 ? batch : batch.slice(0, other);
      const c = author === null ? puller : await this.connection(author);
      if (!c) return this.loginOf(author!);
      const outcomes = await c.push(ws, hostname(), run, this.s.now());
      this.s.raw.transaction(() => {
        markPushed(this.s.raw, run[run.length - 1]!.seq, this.s.now());
        this.note(outcomes);
      })();
    }
  }

  /** This workstation's id and key (a workstation that joined before keys existed makes its key now). */
  private workstation(): WorkstationId {
    let key = getSyncState(this.s.raw, 'workstation_key');
    if (!key) {
      key = randomBytes(32).toString('base64url');
      setSyncState(this.s.raw, 'workstation_key', key);
    }
    return { id: getSyncState(this.s.raw, 'workstation')!, key };
  }

  /** Removes what left the user's scope; a message saying so, or what went wrong (the round goes on). */
  private async dropLeft(c: StoreConnection): Promise<string | null> {
    try {
      const n = await dropLeftScope(this.s.raw, this.files, c);
      if (n === 0) return null;
      this.startOver();
      return `${n} intervention(s) left your scope and were removed from this workstation (they stay in the shared store).`;
    } catch (e) {
      return `Removing what left your scope failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private note(outcomes: PushOutcome[]): void {
    let rejected = 0;
    let conflicts = 0;
    for (const o of outcomes) {
      if (o.status === 'rejected') rejected++;
      conflicts += o.conflicts?.length ?? 0;
    }
    if (rejected === 0 && conflicts === 0) return;
    this.state = { ...this.state, rejected: this.state.rejected + rejected, conflicts: this.state.conflicts + conflicts };
    const last = outcomes.filter((o) => o.status === 'rejected').pop();
    if (last) this.state.message = `The store refused a change: ${last.reason ?? 'no reason given'}`;
  }

  private async connection(userId: string): Promise<StoreConnection | null> {
    const have = this.connections.get(userId);
    if (have) return have;
    const cred = this.credentials.get(userId);
    const url = this.storeUrl;
    if (!cred || !url) return null;
    const wake = userId === this.lastUser ? () => this.soon(0) : undefined;
    let opened: StoreConnection | null = null;
    opened = await StoreConnection.open(userUrl(url, cred.login, cred.password), wake, () => {
      // The connection dropped (network, server restart): the next round opens a new one.
      if (opened && this.connections.get(userId) === opened) this.connections.delete(userId);
      this.soon(BACKOFF_MS[0]!);
    });
    this.connections.set(userId, opened);
    return opened;
  }

  private loginOf(userId: string): string {
    const row = this.s.raw.prepare('SELECT login FROM users WHERE id = ?').get(userId) as { login: string } | undefined;
    return row?.login ?? userId;
  }

  private async dropConnections(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.close()));
  }

  private emit(): void {
    this.s.events.emit('sync.state', this.status);
  }
}
