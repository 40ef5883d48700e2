import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../shared/api/result';
import type { Actor, ServiceContext } from './context';
import { recordChange, unitOfWork, type Op } from './unit';

/*
 * The one write path for replicated rows (DESIGN.md, Data). Each write stamps
 * id/created_at/updated_at/version and records its change in the unit of work under way
 * (core/unit.ts), which writes the outbox mutation and the audit entry of the whole user action
 * and publishes its events after the commit. Updates and deletes name the version they were
 * based on, so a stale edit is a conflict and never a silent overwrite.
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

export function createRecord<T extends ReplicatedTable>(s: ServiceContext, actor: Actor, table: T, values: Insert<T>): Row<T> {
  const name = getTableName(table);
  const now = s.now();
  const row = { ...values, id: values.id ?? uuidv7(), createdAt: now, updatedAt: now, version: 1, deletedAt: null };
  return unitOfWork(s, actor, () => {
    const result = s.db.insert(table).values(row as T['$inferInsert']).returning().get() as Row<T>;
    const cols = toColumns(table, row);
    recordChange(s, { table: name, rowId: row.id, op: 'insert', changes: cols, before: null, baseVersion: 0, row: cols }, 'create');
    s.afterWrite?.(name, row.id);
    return result;
  });
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
  return unitOfWork(s, actor, () => {
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
    const beforeCols = toColumns(table, before);
    const changes = toColumns(table, changed);
    recordChange(s, { table: name, rowId: id, op: 'update', changes, before: beforeCols, baseVersion, row: beforeCols }, action);
    s.afterWrite?.(name, id, Object.keys(changes));
    return result;
  });
}

/** Soft delete: a tombstone that sync carries to the other workstations. */
export function deleteRecord<T extends ReplicatedTable>(s: ServiceContext, actor: Actor, table: T, id: string, baseVersion: number): void {
  const name = getTableName(table);
  unitOfWork(s, actor, () => {
    const now = s.now();
    const before = s.db.select().from(table).where(eq(table.id, id)).get() as Record<string, unknown> | undefined;
    const result = s.db
      .update(table)
      .set({ deletedAt: now, updatedAt: now, version: sql`${table.version} + 1` } as Partial<T['$inferInsert']>)
      .where(and(eq(table.id, id), eq(table.version, baseVersion), sql`${table.deletedAt} IS NULL`))
      .run();
    if (result.changes === 0) {
      throw before
        ? new ApiError('conflict', `The ${name} row was changed or deleted by someone else.`)
        : new ApiError('not_found', `No ${name} row ${id}.`);
    }
    const beforeCols = before ? toColumns(table, before) : null;
    recordChange(s, { table: name, rowId: id, op: 'delete', changes: { deleted_at: now }, before: beforeCols, baseVersion, ...(beforeCols ? { row: beforeCols } : {}) }, 'delete');
    s.afterWrite?.(name, id, ['deleted_at']);
  });
}

/**
 * A row change that came from the shared store (the sync capability's seam): written as the
 * store has it, with its version, without a local version check and without a new outbox entry
 * (it is not a local change to push); audited and announced like any other write.
 */
export function applyRemoteChange<T extends ReplicatedTable>(
  s: ServiceContext,
  table: T,
  change: { rowId: string; op: Op; version: number; values: Record<string, unknown> },
  actor: Actor = { userId: null },
): void {
  const name = getTableName(table);
  unitOfWork(
    s,
    actor,
    () => {
      const before = s.db.select().from(table).where(eq(table.id, change.rowId)).get() as Record<string, unknown> | undefined;
      // The store's own stamps when it sent them (a pulled row), the local clock's otherwise.
      const stamp = { updatedAt: s.now(), ...(change.op === 'delete' ? { deletedAt: s.now() } : {}), ...change.values, version: change.version };
      if (before) {
        s.db.update(table).set(stamp).where(eq(table.id, change.rowId)).run();
      } else {
        s.db
          .insert(table)
          .values({ createdAt: s.now(), deletedAt: null, ...stamp, id: change.rowId } as T['$inferInsert'])
          .run();
      }
      const beforeCols = before ? toColumns(table, before) : null;
      const cols = toColumns(table, { ...change.values, ...(change.op === 'delete' ? { deletedAt: stamp.deletedAt } : {}) });
      recordChange(s, { table: name, rowId: change.rowId, op: change.op, changes: cols, before: beforeCols, baseVersion: change.version, row: { ...beforeCols, ...cols }, remote: true }, 'sync');
      s.afterWrite?.(name, change.rowId);
    },
    { action: 'sync' },
  );
}
