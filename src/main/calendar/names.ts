import type { ServiceContext } from '../core/context';
import type { BackgroundService } from '../core/lifecycle';

/*
 * The names the calendar puts on events, from the small tables (teams, series' prefixes,
 * products, people): read once and kept until a write to that table commits, instead of a join
 * per event (a month's read names up to 2,000 events; its joins cost more than its walk).
 */

const SQL = {
  teams: 'SELECT id, name FROM teams',
  series: 'SELECT id, prefix AS name FROM series',
  products: 'SELECT id, name FROM products',
  personnel: 'SELECT id, name FROM personnel',
} as const;

type Table = keyof typeof SQL;

const kept = new WeakMap<ServiceContext, Map<Table, Map<string, string | null>>>();

/** Id → name of one small table, as committed now. */
export function namesOf(s: ServiceContext, table: Table): ReadonlyMap<string, string | null> {
  let tables = kept.get(s);
  if (!tables) {
    const fresh = new Map<Table, Map<string, string | null>>();
    tables = fresh;
    kept.set(s, fresh);
    s.events.onCommitted((notice) => {
      if (notice.reset) return fresh.clear();
      for (const row of notice.rows) if (row.table in SQL) fresh.delete(row.table as Table);
    });
  }
  let names = tables.get(table);
  if (!names) {
    names = new Map((s.raw.prepare(SQL[table]).all() as { id: string; name: string | null }[]).map((r) => [r.id, r.name]));
    tables.set(table, names);
  }
  return names;
}

/** Clients' names kept between reads: enough for every client of a large database, then started over. */
const CLIENT_NAMES_MAX = 200_000;
const clientsKept = new WeakMap<ServiceContext, Map<string, string>>();

/** The clients' names kept for this app, following every commit from the first call. */
function clientNames(s: ServiceContext): Map<string, string> {
  const names = clientsKept.get(s);
  if (names) return names;
  const fresh = new Map<string, string>();
  clientsKept.set(s, fresh);
  s.events.onCommitted((notice) => {
    if (notice.reset) return fresh.clear();
    for (const row of notice.rows) {
      if (row.table !== 'clients' || (row.op === 'update' && !row.columns.includes('name'))) continue;
      const changed = row.rowId ? [row.rowId] : row.ids;
      // A write that does not say which client it changed (none do today) drops them all.
      if (!changed) return fresh.clear();
      for (const id of changed) fresh.delete(id);
    }
  });
  return fresh;
}

/** Names read per turn of the event loop while warming (~3 ms each at 1M interventions). */
const WARM_BATCH = 5000;

/**
 * Reads every client's name into the kept map after start-up, a batch per turn of the event loop,
 * so that the first read of each month does not pay for its clients' names (bench/calendar, 1M
 * interventions: a month's first read p95 64 ms with names asked as needed). Nothing when there
 * are more clients than are kept. A batch reads names as committed then, and a rename after it
 * drops that name from the map (above), so the map is never behind.
 */
export function warmClientNames(s: ServiceContext, stopped: () => boolean, size = WARM_BATCH): Promise<void> {
  const names = clientNames(s);
  const total = s.raw.prepare('SELECT count(*) FROM clients').pluck().get() as number;
  if (total > CLIENT_NAMES_MAX) return Promise.resolve();
  const batch = s.raw.prepare('SELECT id, name FROM clients WHERE id > ? ORDER BY id LIMIT ?');
  return new Promise<void>((done) => {
    let after = '';
    const step = () => {
      if (stopped()) return done();
      const rows = batch.all(after, size) as { id: string; name: string }[];
      for (const r of rows) if (!names.has(r.id)) names.set(r.id, r.name);
      if (rows.length < size) return done();
      after = rows[rows.length - 1]!.id;
      setImmediate(step);
    };
    setImmediate(step);
  });
}

/** The warming above as a background service of the app: from start-up, stopped with the app. */
export class ClientNamesWarmup implements BackgroundService {
  readonly name = 'calendar-names';
  private stopped = false;
  /** Resolves once the names are kept (bench/calendar waits for it, as a dispatcher opens the calendar after start). */
  done: Promise<void> = Promise.resolve();

  constructor(private readonly s: ServiceContext) {}

  start(): void {
    this.stopped = false;
    this.done = warmClientNames(this.s, () => this.stopped);
  }

  stop(): Promise<void> {
    this.stopped = true;
    return this.done;
  }
}

/**
 * The names of these clients, as committed now. The clients table is not small, so names are
 * kept as they are asked for (a batch of the missing ones per read) and dropped one by one as
 * clients are renamed: a dispatcher paging through months reads each name once, where a join
 * per event cost a third of a month's read.
 */
export function clientNamesOf(s: ServiceContext, ids: readonly string[]): ReadonlyMap<string, string> {
  const names = clientNames(s);
  const missing = [...new Set(ids.filter((id) => !names.has(id)))];
  if (missing.length > 0) {
    if (names.size + missing.length > CLIENT_NAMES_MAX) names.clear();
    const rows = s.raw.prepare('SELECT id, name FROM clients WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as { id: string; name: string }[];
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}
