import { getTableColumns, getTableName } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, jsonb, pgSchema, primaryKey, text, uniqueIndex, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as local from '../db/schema';
import { TABLES } from '../core/tables';

/*
 * The shared store's schema (PostgreSQL), beside the local SQLite one and derived from it: each
 * replicated table has the same columns in the `cc` schema, so the two never drift. Columns kept
 * by each workstation for itself (a derived sort key) stay local. Two columns of the store's own
 * come with every row: `cc_fields`, which version (and which workstation) last changed each field
 * (the per-field merge of a push reads it), and nothing else: the order of changes is the log's.
 * No foreign keys in the store: rows arrive mutation by mutation from many workstations, and
 * the local schema checks references where rows are made. Migrations: migrations/pg
 * (`npm run db:generate:pg`), functions in a custom migration (store-functions in it).
 */

export const cc = pgSchema('cc');

/** Local columns that are not the store's: derived on each workstation by its write path. */
export const LOCAL_ONLY: Record<string, readonly string[]> = { interventions: ['client_sort'] };

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

const localTables = Object.fromEntries(
  (Object.values(local) as unknown[])
    .filter((t): t is SQLiteTable => typeof t === 'object' && t !== null && Symbol.for('drizzle:IsDrizzleTable') in t)
    .map((t) => [getTableName(t), t]),
) as Record<string, SQLiteTable>;

function storeColumn(c: SQLiteColumn): PgColumnBuilderBase {
  let b =
    c.columnType === 'SQLiteBoolean' ? boolean(c.name) : c.columnType === 'SQLiteInteger' ? bigint(c.name, { mode: 'number' }) : text(c.name);
  if (c.primary) b = b.primaryKey();
  else if (c.notNull) b = b.notNull();
  if (c.hasDefault && c.default !== undefined && typeof c.default !== 'object' && typeof c.default !== 'function') b = b.default(c.default as never);
  return b;
}

function storeTable(name: string) {
  const src = localTables[name];
  if (!src) throw new Error(`No local table ${name} to replicate (core/tables.ts).`);
  const skip = new Set(LOCAL_ONLY[name] ?? []);
  const cols: Record<string, PgColumnBuilderBase> = {};
  for (const c of Object.values(getTableColumns(src) as Record<string, SQLiteColumn>)) {
    if (!skip.has(c.name)) cols[c.name] = storeColumn(c);
  }
  cols.cc_fields = jsonb('cc_fields').notNull().default({});
  return cc.table(name, cols, (t) => (name === 'users' ? [uniqueIndex('users_login').on(t.login!)] : []));
}

/** The replicated tables of the store, by name. */
export const storeTables = Object.fromEntries(Object.keys(TABLES).map((name) => [name, storeTable(name)]));

/** Each as its own export, so drizzle-kit finds them. */
export const {
  users: usersStore,
  clients: clientsStore,
  contact_persons: contactPersonsStore,
  products: productsStore,
  client_assets: clientAssetsStore,
  personnel: personnelStore,
  teams: teamsStore,
  team_members: teamMembersStore,
  request_types: requestTypesStore,
  request_type_fields: requestTypeFieldsStore,
  request_type_templates: requestTypeTemplatesStore,
  series: seriesStore,
  working_periods: workingPeriodsStore,
  interventions: interventionsStore,
  intervention_technicians: interventionTechniciansStore,
  intervention_messages: interventionMessagesStore,
  message_mentions: messageMentionsStore,
  correspondence_register: correspondenceRegisterStore,
  attachments: attachmentsStore,
  saved_views: savedViewsStore,
} = storeTables;

/**
 * The change log: one entry per row a transaction changed, in one global order that is safe to
 * hand out: (txid, seq), and only entries whose transaction id is below the oldest one still
 * running (pg_snapshot_xmin), so an entry that commits late is never skipped by a cursor that
 * already went past it (store-functions.sql).
 */
export const log = cc.table(
  'log',
  {
    txid: xid8('txid').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.txid, t.seq] }), index('log_row').on(t.tableName, t.rowId)],
);

/** Workstations known to the store: the last outbox entry of each applied (a push is never applied twice). */
export const workstations = cc.table('workstations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  lastMutationId: text('last_mutation_id'),
  lastUser: text('last_user'),
  lastPushAt: bigint('last_push_at', { mode: 'number' }),
  lastPullAt: bigint('last_pull_at', { mode: 'number' }),
  pending: bigint('pending', { mode: 'number' }).notNull().default(0),
});

/** A value that lost to another written first: kept, for the operator to review and re-apply. */
export const conflicts = cc.table(
  'conflicts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: bigint('at', { mode: 'number' }).notNull(),
    workstationId: text('workstation_id').notNull(),
    userLogin: text('user_login'),
    mutationId: text('mutation_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    /** The value that was not applied, and the one the store kept. */
    theirs: jsonb('theirs'),
    kept: jsonb('kept'),
    baseVersion: bigint('base_version', { mode: 'number' }).notNull(),
    resolvedAt: bigint('resolved_at', { mode: 'number' }),
  },
  (t) => [index('conflicts_open').on(t.resolvedAt, t.id)],
);

/** The store's schema version, checked on connect: the app and the store must agree. */
export const meta = cc.table('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
