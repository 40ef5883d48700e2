import type { RawDb } from '../db/connection';
import { LOCAL_ONLY } from './store-schema';

/*
 * The workstation's side of a push: the outbox (core/unit.ts writes one mutation per user
 * action, in the action's transaction) read in order, mutation by mutation, and marked once the
 * store has answered for it. Order matters: the store skips a mutation whose last entry is at or
 * below the last it applied for this workstation, so nothing may be pushed ahead of an earlier one.
 */

interface StoreRow {
  table: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  baseVersion: number;
  changes: Record<string, unknown>;
}

export interface Mutation {
  id: string;
  /** The last outbox entry of the mutation: the store's dedup key for this workstation. */
  seq: number;
  userId: string | null;
  rows: StoreRow[];
}

/** Local columns the store never receives: kept on each workstation (a sort key), or secrets. */
const NEVER_PUSHED: Record<string, readonly string[]> = { ...LOCAL_ONLY, users: ['password_hash'] };

/** What a new row carries in the store in place of a secret it must have (the store has its own logins). */
const STAND_IN: Record<string, Record<string, unknown>> = { users: { password_hash: '!store' } };

/** The oldest pending mutations, whole, in order; at most about `limit` outbox entries. */
export function pendingMutations(raw: RawDb, limit: number): Mutation[] {
  const rows = raw
    .prepare(
      `SELECT seq, mutation_id AS mutationId, table_name AS tableName, row_id AS rowId, op, changes, base_version AS baseVersion, user_id AS userId
         FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?`,
    )
    .all(limit) as { seq: number; mutationId: string; tableName: string; rowId: string; op: StoreRow['op']; changes: string; baseVersion: number; userId: string | null }[];
  const out: Mutation[] = [];
  for (const r of rows) {
    let m = out[out.length - 1];
    if (!m || m.id !== r.mutationId) {
      m = { id: r.mutationId, seq: r.seq, userId: r.userId, rows: [] };
      out.push(m);
    }
    m.seq = r.seq;
    const changes = JSON.parse(r.changes) as Record<string, unknown>;
    for (const c of NEVER_PUSHED[r.tableName] ?? []) delete changes[c];
    if (r.op === 'insert') Object.assign(changes, STAND_IN[r.tableName]);
    m.rows.push({ table: r.tableName, rowId: r.rowId, op: r.op, baseVersion: r.baseVersion, changes });
  }
  // The last mutation may have been cut by the limit: it goes whole in the next batch.
  if (rows.length === limit && out.length > 1) {
    const last = out[out.length - 1]!;
    const more = raw.prepare('SELECT 1 FROM outbox WHERE pushed_at IS NULL AND mutation_id = ? AND seq > ?').get(last.id, last.seq);
    if (more) out.pop();
  }
  return out;
}

/** The store answered for these mutations (accepted, refused or already applied): they leave the outbox's pending list. */
export function markPushed(raw: RawDb, upToSeq: number, at: number): void {
  raw.prepare('UPDATE outbox SET pushed_at = ? WHERE pushed_at IS NULL AND seq <= ?').run(at, upToSeq);
}

/**
 * The store says it applied this workstation's outbox only up to `storeSeq`, yet entries after it
 * are marked pushed: the store lost them (a crash before its commit reached the disk, or a
 * restore from a backup). They are marked pending again, to be sent again; answers how many.
 */
export function unmarkLost(raw: RawDb, storeSeq: number): number {
  return raw.prepare('UPDATE outbox SET pushed_at = NULL WHERE seq > ? AND pushed_at IS NOT NULL').run(storeSeq).changes;
}

export function pendingCount(raw: RawDb): number {
  return (raw.prepare('SELECT count(*) AS n FROM outbox WHERE pushed_at IS NULL').get() as { n: number }).n;
}

/** The changes not yet pushed for one row, oldest first (re-applied over a pulled row). */
export function pendingFor(raw: RawDb, table: string, rowId: string): Record<string, unknown>[] {
  const rows = raw.prepare('SELECT changes FROM outbox WHERE pushed_at IS NULL AND table_name = ? AND row_id = ? ORDER BY seq').all(table, rowId) as { changes: string }[];
  return rows.map((r) => JSON.parse(r.changes) as Record<string, unknown>);
}
