import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { v7 as uuidv7 } from 'uuid';
import { auditLog, outbox } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import type { Actor, ServiceContext } from './context';

/*
 * The one write path for replicated rows (DESIGN.md, Data). Each write, in one transaction:
 * stamps id/created_at/updated_at/version, appends the change to the outbox (what sync will
 * push), and records the audit entry at the configured level. Updates and deletes name the
 * version they were based on, so a stale edit is a conflict and never a silent overwrite.
 */

/** Any drizzle table that has the replicated columns. */
export type ReplicatedTable = SQLiteTable & {
  id: AnySQLiteColumn;
  createdAt: AnySQLiteColumn;
  updatedAt: AnySQLiteColumn;
  version: AnySQLiteColumn;
  deletedAt: AnySQLiteColumn;
};

type Row<T extends ReplicatedTable> = T['$inferSelect'];
type Insert<T extends ReplicatedTable> = Omit<T['$inferInsert'], 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt'> & {
  id?: string;
};
type Patch<T extends ReplicatedTable> = Partial<Omit<T['$inferInsert'], 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt'>>;

/** property name -> column name, for the outbox and audit (they speak the database's names). */
function toColumns(table: ReplicatedTable, values: Record<string, unknown>): Record<string, unknown> {
  const cols = getTableColumns(table) as Record<string, SQLiteColumn>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const col = cols[key];
    if (col && value !== undefined) out[col.name] = value;
  }
  return out;
}

/** Exported for the few writes that are not plain row writes (a series counter). */
export function appendOutbox(
  s: ServiceContext,
  table: string,
  rowId: string,
  op: 'insert' | 'update' | 'delete',
  changes: Record<string, unknown>,
  baseVersion: number,
): void {
  s.db
    .insert(outbox)
    .values({ mutationId: uuidv7(), tableName: table, rowId, op, changes: JSON.stringify(changes), baseVersion, createdAt: s.now() })
    .run();
}

function appendAudit(
  s: ServiceContext,
  actor: Actor,
  action: string,
  table: string,
  rowId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): void {
  const level = s.auditLevel();
  let detail: string | null = null;
  if (level === 'advanced') detail = JSON.stringify(Object.keys(after));
  if (level === 'detailed') {
    const pairs: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(after)) pairs[k] = [before ? (before[k] ?? null) : null, v];
    detail = JSON.stringify(pairs);
  }
  s.db.insert(auditLog).values({ id: uuidv7(), at: s.now(), userId: actor.userId, action, tableName: table, rowId, detail }).run();
}

export function createRecord<T extends ReplicatedTable>(s: ServiceContext, actor: Actor, table: T, values: Insert<T>): Row<T> {
  const name = getTableName(table);
  const now = s.now();
  const row = { ...values, id: values.id ?? uuidv7(), createdAt: now, updatedAt: now, version: 1, deletedAt: null };
  const inserted = s.raw.transaction(() => {
    const result = s.db.insert(table).values(row as T['$inferInsert']).returning().get() as Row<T>;
    const cols = toColumns(table, row);
    appendOutbox(s, name, row.id, 'insert', cols, 0);
    appendAudit(s, actor, 'create', name, row.id, null, cols);
    s.afterWrite?.(name, row.id);
    return result;
  })();
  s.events.emit('data.changed', { table: name, ids: [row.id] });
  return inserted;
}

export function updateRecord<T extends ReplicatedTable>(
  s: ServiceContext,
  actor: Actor,
  table: T,
  id: string,
  baseVersion: number,
  patch: Patch<T>,
  action = 'update',
): Row<T> {
  const name = getTableName(table);
  const updated = s.raw.transaction(() => {
    const before = s.db.select().from(table).where(eq(table.id, id)).get() as Record<string, unknown> | undefined;
    if (!before || before.deletedAt !== null) throw new ApiError('not_found', `No ${name} row ${id}.`);
    if (before.version !== baseVersion) {
      throw new ApiError('conflict', `The ${name} row was changed by someone else (version ${String(before.version)}, yours ${baseVersion}).`);
    }
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && before[k] !== v) changed[k] = v;
    if (Object.keys(changed).length === 0) return before;
    const result = s.db
      .update(table)
      .set({ ...changed, updatedAt: s.now(), version: sql`${table.version} + 1` } as Partial<T['$inferInsert']>)
      .where(and(eq(table.id, id), eq(table.version, baseVersion)))
      .returning()
      .get() as Row<T>;
    appendOutbox(s, name, id, 'update', toColumns(table, changed), baseVersion);
    appendAudit(s, actor, action, name, id, toColumns(table, before), toColumns(table, changed));
    s.afterWrite?.(name, id);
    return result;
  })();
  s.events.emit('data.changed', { table: name, ids: [id] });
  return updated;
}

/** Soft delete: a tombstone that sync carries to the other workstations. */
export function deleteRecord<T extends ReplicatedTable>(s: ServiceContext, actor: Actor, table: T, id: string, baseVersion: number): void {
  const name = getTableName(table);
  s.raw.transaction(() => {
    const now = s.now();
    const result = s.db
      .update(table)
      .set({ deletedAt: now, updatedAt: now, version: sql`${table.version} + 1` } as Partial<T['$inferInsert']>)
      .where(and(eq(table.id, id), eq(table.version, baseVersion), sql`${table.deletedAt} IS NULL`))
      .run();
    if (result.changes === 0) {
      const exists = s.db.select({ v: table.version }).from(table).where(eq(table.id, id)).get();
      throw exists
        ? new ApiError('conflict', `The ${name} row was changed or deleted by someone else.`)
        : new ApiError('not_found', `No ${name} row ${id}.`);
    }
    appendOutbox(s, name, id, 'delete', { deleted_at: now }, baseVersion);
    appendAudit(s, actor, 'delete', name, id, null, { deleted_at: now });
    s.afterWrite?.(name, id);
  })();
  s.events.emit('data.changed', { table: name, ids: [id] });
}
