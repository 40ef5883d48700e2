import type Database from 'better-sqlite3';
import { insertClients } from './clients';
import type { DemoContext } from './context';
import { dropSecondaryIndexes, recreateIndexes } from '../db/indexes';
import { insertInterventions } from './interventions';
import { mulberry32 } from './prng';
import { insertReference } from './reference';
import { makeUuid7 } from './uuid7';
import { rebuildSearchIndex } from '../grid/search-index';

export interface DemoOptions {
  interventions: number;
  /** How many clients; one per 20 interventions (at least 200) when absent. */
  clients?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  /** Told when a slow step without row progress starts ("indexes", "analyze"). */
  onPhase?: (phase: 'indexes' | 'search' | 'analyze') => void;
  now?: Date;
}

export interface DemoSummary {
  seed: number;
  interventions: number;
  clients: number;
  /** Rows inserted per table. */
  counts: Record<string, number>;
  elapsedMs: number;
  /** Time spent on inserts, on rebuilding the indexes, and on ANALYZE. */
  phasesMs: { insert: number; indexes: number; search: number; analyze: number };
}

/** Tables big enough that loading them without their secondary indexes pays off. */
const BULK_TABLES = [
  'interventions', 'intervention_technicians', 'intervention_messages', 'clients', 'contact_persons', 'client_assets',
];

/**
 * In WAL mode every page is written twice (to the WAL, then into the file at checkpoint).
 * A fresh file loaded under a rollback journal writes new pages once: 10 % faster at 1 M
 * (measured 31 s against 35 s). Leaving WAL needs the only connection to the file; when
 * another is open the switch does not happen and the load simply runs in WAL.
 * Returns true when it switched, so the caller switches back.
 */
function useRollbackJournal(raw: Database.Database): boolean {
  if (String(raw.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return false;
  try {
    return String(raw.pragma('journal_mode = TRUNCATE', { simple: true })).toLowerCase() === 'truncate';
  } catch {
    return false;
  }
}

export const DEFAULT_SEED = 20240917;

/**
 * Fills a freshly migrated database with a year of believable call-center activity.
 *
 * Demo rows are a baseline snapshot, like a bootstrap from the shared store: they are NOT
 * written to the outbox, so a workstation does not try to push a million made-up changes.
 * Inserts use prepared statements in transactions of BATCH_ROWS rows (drizzle's per-row
 * builder measured 10x slower). Deterministic for a given seed and `now`.
 */
export function generateDemo(raw: Database.Database, opts: DemoOptions): DemoSummary {
  if (!Number.isInteger(opts.interventions) || opts.interventions < 0) {
    throw new RangeError(`interventions must be a non-negative integer, got ${opts.interventions}`);
  }
  const started = performance.now();
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const rnd = mulberry32(seed);
  // A separate stream for ids, so that changing how ids are made leaves the data itself alone.
  const uuid = makeUuid7(mulberry32(seed ^ 0x9e3779b9));
  const ctx: DemoContext = { raw, rnd, uuid, now: (opts.now ?? new Date()).getTime(), counts: {}, pending: 0 };
  const clientCount = opts.clients ?? Math.max(200, Math.round(opts.interventions / 20));

  const foreignKeys = raw.pragma('foreign_keys', { simple: true }) as number;
  // Every parent row is inserted before its children and the tests run foreign_key_check;
  // checking ~10 references per intervention row made the inserts ~25 % slower (measured).
  raw.pragma('foreign_keys = OFF');
  const wal = useRollbackJournal(raw);
  const saved = dropSecondaryIndexes(raw, BULK_TABLES);
  let insertMs: number;
  let indexMs: number;
  try {
    raw.exec('BEGIN');
    try {
      const ref = insertReference(ctx);
      const clients = insertClients(ctx, ref, clientCount);
      const last = insertInterventions(ctx, ref, clients, opts.interventions, opts.onProgress);
      raw.prepare('UPDATE series SET next_number = ? WHERE id = ?').run(last + 1, ref.interventionSeriesId);
      // The demo's people have read their threads up to now: only what is written from here on is new to them.
      raw.prepare('UPDATE users SET reads_since = ?').run(ctx.now);
      raw.exec('COMMIT');
    } catch (e) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw e;
    }
    insertMs = performance.now() - started;
  } finally {
    // Put the indexes back even after a failure, so the file is never left without them.
    opts.onPhase?.('indexes');
    const t = performance.now();
    recreateIndexes(raw, saved);
    indexMs = performance.now() - t;
    if (wal) raw.pragma('journal_mode = WAL');
    raw.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }

  opts.onPhase?.('search');
  const ts = performance.now();
  // The client sort key and the technicians' list are written with each intervention row.
  rebuildSearchIndex(raw);
  const searchMs = performance.now() - ts;

  opts.onPhase?.('analyze');
  const t = performance.now();
  raw.exec('ANALYZE');
  const analyzeMs = performance.now() - t;

  return {
    seed,
    interventions: ctx.counts.interventions ?? 0,
    clients: ctx.counts.clients ?? 0,
    counts: ctx.counts,
    elapsedMs: Math.round(performance.now() - started),
    phasesMs: { insert: Math.round(insertMs), indexes: Math.round(indexMs), search: Math.round(searchMs), analyze: Math.round(analyzeMs) },
  };
}
