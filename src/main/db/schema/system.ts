import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Local outbox: every replicated write appends its change here in the same transaction, so the
 * sync issue only has to drain it. mutation_id makes a push idempotent on the server.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    mutationId: text('mutation_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    /** JSON object of the changed fields (column name -> new value). */
    changes: text('changes').notNull(),
    baseVersion: integer('base_version').notNull(),
    createdAt: integer('created_at').notNull(),
    pushedAt: integer('pushed_at'),
    /** Who made the change: the store checks it against their rights, so it is pushed as them. */
    userId: text('user_id'),
  },
  (t) => [index('outbox_pending').on(t.pushedAt, t.seq)],
);

/** Who did what, when; before/after per the configured operation-log level. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    userId: text('user_id'),
    action: text('action').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    /** JSON: changed field names (advanced) or {field: [old, new]} (detailed); null at basic. */
    detail: text('detail'),
  },
  (t) => [index('audit_log_row').on(t.tableName, t.rowId, t.at), index('audit_log_at').on(t.at)],
);

/** Key/value settings; values are JSON, validated by the settings service's schema. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The workstation's own sync bookkeeping (sync/): its id in the store, the store it joined, and
 * how far it has pulled. Never replicated.
 */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * For each row changed here since the store's copy of it last arrived: the store's version this
 * workstation had of it then. Every change made here before the next arrival is based on that
 * version, not on the row's local version (which counts this workstation's own edits too), so
 * the store can tell what others changed since (sync/outbox.ts). Never replicated; a row leaves
 * when the store's copy arrives with nothing of this workstation's left to push.
 */
export const syncBases = sqliteTable(
  'sync_bases',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId] })],
);

/**
 * Files whose bytes are both here and in the shared store (sync/file-sync.ts): the sync looks
 * only at attachments not listed, so a round does not ask the store about every file there is.
 * Never replicated; emptied when the workstation joins a store.
 */
export const syncedFiles = sqliteTable('synced_files', {
  sha256: text('sha256').primaryKey(),
});

/**
 * Clients renamed (or whose phones changed) whose interventions do not all carry it yet in the
 * local derived data, the quick-search index and the client sort key: worked through a turn at a
 * time after the rename, from the intervention after `after_rowid` (grid/client-rekeys.ts). Kept
 * here so a stop midway is finished at the next start. Never replicated.
 */
export const clientRekeys = sqliteTable('client_rekeys', {
  clientId: text('client_id').primaryKey(),
  afterRowid: integer('after_rowid').notNull(),
});
