import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as local from '../db/schema';
import { TABLES } from '../core/tables';
import type { ReplicatedTable } from '../core/records';

/*
 * The local tables the store replicates, by name, with each column by its name (the store speaks
 * column names; drizzle, property names): one lookup for the store's schema, the pull and the
 * conflicts screen.
 */

export interface LocalTable {
  table: ReplicatedTable;
  /** Column name -> the drizzle property and column. */
  byColumn: Map<string, { key: string; column: SQLiteColumn }>;
}

const isTable = (t: unknown): t is SQLiteTable => typeof t === 'object' && t !== null && Symbol.for('drizzle:IsDrizzleTable') in t;

/** Every table of the local schema, by name (replicated or not). */
export const schemaTables: ReadonlyMap<string, SQLiteTable> = new Map((Object.values(local) as unknown[]).filter(isTable).map((t) => [getTableName(t), t]));

const replicated = new Map<string, LocalTable>();
for (const [name, table] of schemaTables) {
  if (!TABLES[name]) continue;
  const byColumn = new Map(Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).map(([key, column]) => [column.name, { key, column }]));
  replicated.set(name, { table: table as ReplicatedTable, byColumn });
}

/** A replicated table by name, or undefined for a name the store may send but this app does not know. */
export const localTable = (name: string): LocalTable | undefined => replicated.get(name);

/** A user who arrives by sync has no password on this workstation until they log in here. */
export const NO_LOCAL_PASSWORD = '!store';
