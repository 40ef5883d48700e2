import type Database from 'better-sqlite3';
import type { Rnd } from './prng';

/** What every step of the generator shares. */
export interface DemoContext {
  raw: Database.Database;
  rnd: Rnd;
  /** A UUIDv7 for a row created at the given epoch ms. */
  uuid: (ms: number) => string;
  now: number;
  /** Rows inserted per table, for the summary (counting 1 M rows afterwards costs time). */
  counts: Record<string, number>;
  /** Rows inserted since the last commit. */
  pending: number;
}

/** Rows per transaction: large enough that commits cost nothing, small enough to keep the WAL modest. */
const BATCH_ROWS = 15_000;

/** Commits and opens the next transaction once a batch is full; true when it did. */
export function commitIfFull(ctx: DemoContext): boolean {
  if (ctx.pending < BATCH_ROWS) return false;
  ctx.raw.exec('COMMIT');
  ctx.raw.exec('BEGIN');
  ctx.pending = 0;
  return true;
}

/** A prepared INSERT for the given columns, plus a counter for the summary. */
export function inserter(ctx: DemoContext, table: string, columns: readonly string[]): (values: unknown[]) => void {
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const stmt = ctx.raw.prepare(sql);
  ctx.counts[table] ??= 0;
  return (values) => {
    stmt.run(values);
    ctx.counts[table] = (ctx.counts[table] ?? 0) + 1;
    ctx.pending++;
  };
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** 'YYYY-MM-DD' of an epoch ms, in UTC so that a seed gives the same file on every machine. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
