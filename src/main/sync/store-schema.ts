import { getTableColumns } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgSchema, primaryKey, text, uniqueIndex, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { TABLES } from '../core/tables';
import { schemaTables } from './local-tables';

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
export const LOCAL_ONLY: Record<string, readonly string[]> = { interventions: ['client_sort', 'technician_ids'] };

/**
 * The store's own indexes: what its functions look rows up by (the read scope follows an
 * intervention's team and technicians, a client's interventions, a message's attachment). The
 * local indexes serve grids and stay local.
 */
const STORE_INDEXES: Record<string, readonly string[]> = {
  interventions: ['client_id', 'team_id'],
  intervention_technicians: ['intervention_id', 'person_id'],
  intervention_messages: ['intervention_id', 'attachment_id', 'register_entry_id'],
  message_mentions: ['intervention_id'],
  team_members: ['person_id', 'team_id'],
  contact_persons: ['client_id'],
  client_assets: ['client_id'],
  service_contracts: ['client_id'],
};

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

function storeColumn(c: SQLiteColumn): PgColumnBuilderBase {
  let b =
    c.columnType === 'SQLiteBoolean' ? boolean(c.name) : c.columnType === 'SQLiteInteger' ? bigint(c.name, { mode: 'number' }) : text(c.name);
  if (c.primary) b = b.primaryKey();
  else if (c.notNull) b = b.notNull();
  if (c.hasDefault && c.default !== undefined && typeof c.default !== 'object' && typeof c.default !== 'function') b = b.default(c.default as never);
  return b;
}

function storeTable(name: string) {
  const src = schemaTables.get(name);
  if (!src) throw new Error(`No local table ${name} to replicate (core/tables.ts).`);
  const skip = new Set(LOCAL_ONLY[name] ?? []);
  const cols: Record<string, PgColumnBuilderBase> = {};
  for (const c of Object.values(getTableColumns(src) as Record<string, SQLiteColumn>)) {
    if (!skip.has(c.name)) cols[c.name] = storeColumn(c);
  }
  cols.cc_fields = jsonb('cc_fields').notNull().default({});
  return cc.table(name, cols, (t) => [
    ...(name === 'users' ? [uniqueIndex('users_login').on(t.login!)] : []),
    // A number is given once per series, whatever a workstation pushes (the local rule, held here too).
    ...(name === 'interventions' ? [uniqueIndex('interventions_series_number').on(t.series_id!, t.number!)] : []),
    // A contract's occurrence is made once, whichever workstations made it (their ids agree too).
    ...(name === 'interventions' ? [uniqueIndex('interventions_contract_occurrence').on(t.contract_id!, t.contract_occurrence!)] : []),
    ...(STORE_INDEXES[name] ?? []).map((col) => index(`${name}_${col}`).on(t[col]!)),
  ]);
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
  service_contracts: serviceContractsStore,
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
  /**
   * The SHA-256 of the workstation's own key, sent with each push: another workstation (or a
   * user's raw SQL) cannot push or report under this one's id and make its outbox look applied.
   */
  keyHash: text('key_hash'),
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

/** Blocks of document numbers the store reserved for workstations (cc.reserve_numbers): who holds which numbers. */
export const numberBlocks = cc.table(
  'number_blocks',
  {
    seriesId: text('series_id').notNull(),
    first: bigint('first', { mode: 'number' }).notNull(),
    last: bigint('last', { mode: 'number' }).notNull(),
    workstationId: text('workstation_id').notNull(),
    userLogin: text('user_login').notNull(),
    reservedAt: bigint('reserved_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.first] })],
);

/** Which interventions each role reaches by default (shared/domain/permissions.ts ROLE_DEFAULT_SCOPE; filled by the migrate command). */
export const roleScopes = cc.table('role_scopes', {
  role: text('role').primaryKey(),
  scope: text('scope').notNull(),
});

/** The store's schema version, checked on connect: the app and the store must agree. */
export const meta = cc.table('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * File contents (attachments' bytes; later recordings), once per content (sha256), in parts of
 * 1 MiB so an upload or a download cut short goes on from its last part (sync/file-sync.ts). A
 * file is complete once every part is there and their hash matched.
 */
export const files = cc.table('files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  parts: integer('parts').notNull(),
  complete: boolean('complete').notNull().default(false),
  uploadedBy: text('uploaded_by'),
  at: bigint('at', { mode: 'number' }),
});

export const fileParts = cc.table(
  'file_parts',
  {
    sha256: text('sha256').notNull(),
    part: integer('part').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.part] })],
);
