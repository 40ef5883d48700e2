import { Recordings } from '../calls/recording';
import { RecordingJobs } from '../calls/recording-jobs';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openRaw, wrap, type Db, type RawDb } from '../db/connection';
import { runMigrations } from '../db/migrate';
import { WriteGate } from '../core/write-gate';
import { Checkpointer } from '../db/checkpointer';
import { ReadPool } from '../db/read-pool';
import { EventBus } from '../core/events';
import { Lifecycle } from '../core/lifecycle';
import { SettingsService } from '../settings/settings';
import { SessionService } from '../auth/sessions';
import type { ServiceContext } from '../core/context';
import type { AppIdentity } from '../settings/app-info';
import { generateDemo } from '../demo/generate';
import { changesSearch, SearchIndex } from '../grid/search-index';
import { ClientSortKeys, fillClientSortKeys } from '../grid/client-sort';
import { ClientRekeys } from '../grid/client-rekeys';
import { TechnicianIds, fillTechnicianIds } from '../interventions/technician-ids';
import { MailSender } from '../mail/sender';
import { MailWatcher } from '../mail/watcher';
import { derivedChange } from '../core/unit';
import { InterventionGrid } from '../grid/grid';
import { ExportService } from '../exports/exports';
import { FileStore } from '../files/file-store';
import { RecordingReviews } from '../calls/recording-review';
import { DEMO_DB_NAME, DEMO_INTERVENTIONS } from './paths';
import { ensureAdmin } from '../auth/users';
import { SyncService } from '../sync/sync-service';
import { ContractJobs } from '../contracts/jobs';
import { ClientNamesWarmup } from '../calendar/names';
import { workstationZone } from '../core/clock';
import { fileKeyBox, type SecretBox } from '../core/secrets';

export interface App {
  ctx: ServiceContext;
  settings: SettingsService;
  sessions: SessionService;
  grid: InterventionGrid;
  exports: ExportService;
  /** The content-addressed store of attachments and recordings. */
  files: FileStore;
  /** Recorded conversations (their files are in `files`). */
  recordings: Recordings;
  /** Supervisors' notes and quality scores on recordings. */
  reviews: RecordingReviews;
  /** Sync with the shared store (standalone until a store is joined). */
  sync: SyncService;
  contracts: ContractJobs;
  /** A renamed client's interventions take its name in the derived data, a large client's in turns (main/grid). */
  clientRekeys: ClientRekeys;
  /** Reads the clients' names the calendar puts on events, after start-up (main/calendar). */
  calendarNames: ClientNamesWarmup;
  /** Seals secrets kept in the database (SIP and SMTP passwords). */
  secrets: SecretBox;
  /** Delivers the outbox's mail (main/mail). */
  mail: MailSender;
  /** Reads replies from the shared mailbox into their threads (main/mail). */
  mailWatcher: MailWatcher;
  identity: AppIdentity;
  /** Copies the write-ahead log into the database file off the host's thread (main/db). */
  checkpoints: Checkpointer;
  /** The background services (read workers, export retention; later sync, mail, contracts). */
  lifecycle: Lifecycle;
  /** Starts the background services: both entry points call it once the app is open. */
  start(): void;
  dataDir: string;
  filesDir: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  dataDir: string;
  /** A database file; when absent the demo database in the data directory is used (and made). */
  dbPath?: string;
  mode: 'desktop' | 'browser';
  version: string;
  log?: (line: string) => void;
  /** The app's clock (app/clock.ts); the machine's when absent. */
  now?: () => number;
  /** The first administrator's password; random when absent (see ensureAdmin). */
  adminPassword?: string;
  /**
   * How many of a renamed client's interventions take its name in the rename's own transaction,
   * the rest in turns of as many after it (grid/client-rekeys.ts); tests make it small.
   */
  renameChunk?: number;
  /** How secrets are sealed: the desktop app passes the OS keyring's (safeStorage); else a key file in the data folder. */
  secrets?: SecretBox;
}

export interface Opened {
  app: App;
  /** Set when this start created the administrator: tell the person how to log in. */
  firstLogin: { login: string; password: string } | null;
}

function makeDemo(file: string, log: (line: string) => void, now: number): void {
  log(`Creating a demo database with ${DEMO_INTERVENTIONS.toLocaleString('en')} interventions at ${file} …`);
  const raw = openRaw(file);
  try {
    runMigrations(wrap(raw), file);
    generateDemo(raw, { interventions: DEMO_INTERVENTIONS, now: new Date(now) });
  } finally {
    raw.close();
  }
  log('Demo logins: admin, operator, supervisor, technician, auditor (read only); the password of each is "demo".');
}

export function openApp(options: OpenOptions): Opened {
  const log = options.log ?? ((line: string) => console.log(line));
  const demo = !options.dbPath;
  const dbPath = resolve(options.dbPath ?? join(options.dataDir, DEMO_DB_NAME));
  mkdirSync(dirname(dbPath), { recursive: true });
  const now = options.now ?? Date.now;
  if (demo && !existsSync(dbPath)) makeDemo(dbPath, log, now());

  const raw: RawDb = openRaw(dbPath);
  let db: Db;
  try {
    db = wrap(raw);
    runMigrations(db, dbPath);
  } catch (e) {
    raw.close();
    throw e;
  }
  const settings = new SettingsService(db, now);
  const lifecycle = new Lifecycle(log);
  // The write-ahead log copied into the file on a thread of its own while the app runs.
  const checkpoints = lifecycle.add(new Checkpointer(dbPath, raw));
  const ctx: ServiceContext = {
    db,
    raw,
    reads: lifecycle.add(new ReadPool(dbPath)),
    writes: new WriteGate(raw),
    events: new EventBus(),
    now,
    auditLevel: () => settings.get().operationLogLevel,
  };
  const search = new SearchIndex(raw);
  fillClientSortKeys(raw);
  fillTechnicianIds(raw);
  const clientSort = new ClientSortKeys(raw);
  const technicianIds = new TechnicianIds(raw);
  const clientRekeys = lifecycle.add(new ClientRekeys(ctx, search, clientSort, options.renameChunk));
  // Local derived data, kept inside each write's transaction: the search index, the client sort
  // key and the technicians' list. The search index only when the write changed what it holds:
  // re-indexing a row is most of a write's time on 1M rows (its segment merges took 17-33 ms of
  // some status changes and notes, measured) and a status change or a planned date changes none.
  ctx.afterWrite = (table, id, columns) => {
    const searched = changesSearch(table, columns);
    if (table === 'interventions') {
      if (searched) search.intervention(id);
      const changed = clientSort.intervention(id);
      if (changed.length > 0) derivedChange(ctx, 'interventions', ['client_sort'], changed);
      const listed = technicianIds.intervention(id);
      if (listed.length > 0) derivedChange(ctx, 'interventions', ['technician_ids'], listed);
    } else if (table === 'intervention_technicians') {
      const listed = technicianIds.assignment(id);
      if (listed.length > 0) derivedChange(ctx, 'interventions', ['technician_ids'], listed);
    } else if (table === 'clients') {
      // Its name or phones: its interventions follow, a large client's in turns (client-rekeys.ts).
      if (searched) clientRekeys.client(id);
    }
  };
  const filesDir = join(options.dataDir, 'files');
  mkdirSync(filesDir, { recursive: true });
  const files = new FileStore(filesDir);
  const sync = lifecycle.add(new SyncService(ctx, files));
  const recordings = new Recordings(ctx, files, () => settings.get());
  lifecycle.add(new RecordingJobs(recordings, ctx.writes));
  const contracts = lifecycle.add(new ContractJobs(ctx, workstationZone, () => sync.pushesSystemWork));
  const calendarNames = lifecycle.add(new ClientNamesWarmup(ctx));
  const secrets = options.secrets ?? fileKeyBox(options.dataDir);
  const mail = lifecycle.add(new MailSender(ctx, secrets, log));
  const mailWatcher = lifecycle.add(
    new MailWatcher(ctx, secrets, files, () => settings.get(), log, { take: (mailbox, ms, read) => sync.mailLease(mailbox, ms, read), release: (mailbox, read) => sync.releaseMailLease(mailbox, read) }),
  );
  const sessions = new SessionService(ctx, () => settings.get().sessionIdleMinutes, sync);
  const firstLogin = ensureAdmin(ctx, options.adminPassword ?? process.env.CC_ADMIN_PASSWORD);
  const app: App = {
    ctx,
    settings,
    sessions,
    grid: new InterventionGrid(ctx),
    exports: lifecycle.add(new ExportService(ctx, dbPath, join(options.dataDir, 'exports'))),
    files,
    recordings,
    reviews: new RecordingReviews(ctx, recordings, () => settings.get()),
    sync,
    contracts,
    clientRekeys,
    checkpoints,
    calendarNames,
    secrets,
    mail,
    mailWatcher,
    identity: { version: options.version, mode: options.mode, dbPath, demo },
    dataDir: options.dataDir,
    filesDir,
    lifecycle,
    start: () => lifecycle.start(),
    async close() {
      await lifecycle.stop();
      if (!raw.open) return;
      // Everything in the write-ahead log goes into the database file, which is then whole on its
      // own (a copy, a backup, a sync never miss the last changes); SQLite removes the WAL on close.
      raw.pragma('wal_checkpoint(TRUNCATE)');
      raw.close();
    },
  };
  return { app, firstLogin };
}
