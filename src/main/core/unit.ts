import { v7 as uuidv7 } from 'uuid';
import type { Capability } from '../../shared/api/capabilities';
import { auditLog, outbox } from '../db/schema';
import type { Actor, ServiceContext } from './context';
import { TABLES, capabilityOf } from './tables';

/*
 * One user action, one unit of work: one transaction, one outbox mutation (every row it changed,
 * under one mutation id, each row once however often it was written), one audit entry, and its
 * events published after the outermost commit. A write inside a unit joins it; a write outside
 * any opens its own. Sync replays the outbox mutation by mutation, so this is what it sees.
 */

export type Op = 'insert' | 'update' | 'delete';

interface RowChange {
  table: string;
  rowId: string;
  op: Op;
  /** Column -> new value (what the outbox carries). */
  changes: Record<string, unknown>;
  /** Column -> value before the unit touched it, for the changed columns (the detailed audit). */
  before: Record<string, unknown>;
  /** The version the first write of the unit was based on (0 for an insert). */
  baseVersion: number;
  /** The id events name: the row's own, or its parent entity's (core/tables.ts). */
  entityId: string;
  /** Came from the shared store: audited and announced, never pushed back. */
  remote: boolean;
}

interface Unit {
  mutationId: string;
  actor: Actor;
  /** The action the audit records; the first row write's unless the command names it. */
  action: string | null;
  /** The row the audit entry is about: the first written unless the command names it. */
  subject: string | null;
  rows: Map<string, RowChange>;
  /** Capabilities changed without a row write of their own (derived columns). */
  touched: Map<Capability, Set<string>>;
  /** Local derived columns the write path kept (not replicated, not announced): for main's caches. */
  derived: Map<string, { columns: Set<string>; ids: Set<string> }>;
}

const units = new WeakMap<ServiceContext, Unit>();
const keyOf = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/**
 * Runs `work` as one user action (or as part of the one under way). `action` and `subject`
 * name the audit entry; when absent, the first row written decides.
 */
export function unitOfWork<T>(s: ServiceContext, actor: Actor, work: () => T, describe: { action?: string; subject?: { table: string; rowId: string } } = {}): T {
  const outer = units.get(s);
  if (outer) {
    // The outer command names the action; an inner one only fills in what it left open.
    outer.action ??= describe.action ?? null;
    if (describe.subject) outer.subject ??= keyOf(describe.subject.table, describe.subject.rowId);
    return work();
  }
  const unit: Unit = {
    mutationId: uuidv7(),
    actor,
    action: describe.action ?? null,
    subject: describe.subject ? keyOf(describe.subject.table, describe.subject.rowId) : null,
    rows: new Map(),
    touched: new Map(),
    derived: new Map(),
  };
  units.set(s, unit);
  let result: T;
  try {
    // IMMEDIATE: the write lock from the start, so another process on the same file (a second
    // workstation process, the contract generator's race test) waits its turn (busy_timeout)
    // instead of failing "database is locked" when a read would turn into a write.
    result = s.raw
      .transaction(() => {
        const value = work();
        flush(s, unit);
        return value;
      })
      .immediate();
  } finally {
    units.delete(s);
  }
  // After the commit only: a rolled-back unit has thrown above and publishes nothing.
  publish(s, unit);
  return result;
}

/** Names the audit entry of the unit under way (a command that knows better than its first write). */
export function describeUnit(s: ServiceContext, action: string, subject?: { table: string; rowId: string }): void {
  const unit = units.get(s);
  if (!unit) return;
  unit.action = action;
  if (subject) unit.subject = keyOf(subject.table, subject.rowId);
}

/** Columns whose values the audit never shows, whatever its level: only that they changed. */
const SECRET_COLUMNS = new Set(['password_hash', 'store_verifier']);

/**
 * Records a row change in the unit under way (records.ts calls it; so do the few writes that
 * are not plain row writes, like a series counter). Later changes to the same row fold into it.
 * `action` null marks a side effect (a series counter): it names neither the action nor the subject.
 */
export function recordChange(
  s: ServiceContext,
  change: {
    table: string;
    rowId: string;
    op: Op;
    changes: Record<string, unknown>;
    before: Record<string, unknown> | null;
    baseVersion: number;
    /** The row's columns as known (for the entity id of events). */
    row?: Record<string, unknown>;
    remote?: boolean;
  },
  action: string | null,
): void {
  const unit = units.get(s);
  if (!unit) throw new Error('recordChange outside a unit of work (wrap the write in unitOfWork).');
  const key = keyOf(change.table, change.rowId);
  if (action !== null) {
    unit.action ??= action;
    unit.subject ??= key;
  }
  const found = unit.rows.get(key);
  if (!found) {
    const entityColumn = TABLES[change.table]?.entity;
    const entity = entityColumn ? (change.row?.[entityColumn] ?? change.changes[entityColumn]) : undefined;
    const before: Record<string, unknown> = {};
    for (const k of Object.keys(change.changes)) before[k] = change.before ? (change.before[k] ?? null) : null;
    unit.rows.set(key, {
      table: change.table,
      rowId: change.rowId,
      op: change.op,
      changes: { ...change.changes },
      before,
      baseVersion: change.baseVersion,
      entityId: typeof entity === 'string' ? entity : change.rowId,
      remote: change.remote === true,
    });
    return;
  }
  // An insert stays an insert with its later values; anything then deleted is a delete.
  if (change.op === 'delete') found.op = 'delete';
  for (const [k, v] of Object.entries(change.changes)) {
    if (!(k in found.before)) found.before[k] = change.before ? (change.before[k] ?? null) : null;
    found.changes[k] = v;
  }
}

/** Announces a change that wrote no replicated row of its own (a derived column, a re-classification). */
export function touch(s: ServiceContext, capability: Capability, ids: string[]): void {
  const unit = units.get(s);
  if (!unit) {
    s.events.committed({ rows: [], touched: [capability] });
    s.events.emit('data.changed', { capability, ids });
    return;
  }
  const set = unit.touched.get(capability) ?? new Set<string>();
  for (const id of ids) set.add(id);
  unit.touched.set(capability, set);
}

/**
 * Notes that the write path changed local derived columns (a sort key): nothing to replicate or
 * announce to windows, but main's caches that read those columns must know (the grid).
 */
export function derivedChange(s: ServiceContext, table: string, columns: string[], ids: readonly string[]): void {
  const unit = units.get(s);
  if (!unit) {
    s.events.committed({ rows: [{ table, op: 'update', columns, ids: [...ids] }], touched: [] });
    return;
  }
  const found = unit.derived.get(table) ?? { columns: new Set<string>(), ids: new Set<string>() };
  for (const c of columns) found.columns.add(c);
  for (const id of ids) found.ids.add(id);
  unit.derived.set(table, found);
}

/**
 * Workflow states (an intervention's status, a technician's answer) keep their values from the
 * advanced level on: a history that says "status changed" must say from what to what.
 */
const VALUED_AT_ADVANCED = new Set(['status', 'answer']);

/** What the audit keeps of one row: the names written (advanced), and old -> new pairs (detailed, or workflow states). */
function auditDetail(level: string, change: RowChange): { fields?: string[]; changes?: Record<string, [unknown, unknown]> } | null {
  if (level === 'basic') return null;
  const detailed = level === 'detailed';
  const pairs: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(change.changes)) {
    if (!detailed && !VALUED_AT_ADVANCED.has(k)) continue;
    pairs[k] = SECRET_COLUMNS.has(k) ? ['(hidden)', '(changed)'] : [change.op === 'insert' ? null : (change.before[k] ?? null), v];
  }
  if (detailed) return { changes: pairs };
  return Object.keys(pairs).length > 0 ? { fields: Object.keys(change.changes), changes: pairs } : { fields: Object.keys(change.changes) };
}

/**
 * The store's version a change is based on: the one this workstation had when the store's copy of
 * the row last arrived (db/schema/system.ts syncBases). The first change since then is based on the
 * row's version as it stood, which was the store's; it is remembered for the changes after it.
 */
function storeBase(s: ServiceContext, r: RowChange): number {
  const known = s.raw.prepare('SELECT version FROM sync_bases WHERE table_name = ? AND row_id = ?').pluck().get(r.table, r.rowId) as number | undefined;
  if (known !== undefined) return known;
  s.raw.prepare('INSERT INTO sync_bases (table_name, row_id, version) VALUES (?, ?, ?)').run(r.table, r.rowId, r.baseVersion);
  return r.baseVersion;
}

function flush(s: ServiceContext, unit: Unit): void {
  if (unit.rows.size === 0) return;
  const at = s.now();
  const syncing = s.raw.prepare("SELECT 1 FROM sync_state WHERE key = 'store'").get() !== undefined;
  for (const r of unit.rows.values()) {
    if (r.remote) continue;
    const baseVersion = syncing ? storeBase(s, r) : r.baseVersion;
    s.db
      .insert(outbox)
      .values({ mutationId: unit.mutationId, tableName: r.table, rowId: r.rowId, op: r.op, changes: JSON.stringify(r.changes), baseVersion, createdAt: at, userId: unit.actor.userId })
      .run();
  }
  // One audit entry: about its subject row, with the other rows of the action beside it.
  const level = s.auditLevel();
  // The subject the command named, even when its own row did not change (technicians put on a
  // draft): the entry is still about it, with what changed beside it.
  const [table, rowId] = (unit.subject ?? '').split('\u0000');
  const subject: RowChange =
    unit.rows.get(unit.subject ?? '') ??
    (table && rowId ? { table, rowId, op: 'update', changes: {}, before: {}, baseVersion: 0, entityId: rowId, remote: false } : [...unit.rows.values()][0]!);
  const own = auditDetail(level, subject);
  const others = [...unit.rows.values()].filter((r) => r !== subject);
  let detail: unknown = null;
  if (own) {
    // A lone row keeps the first, plain shapes (names, or name -> [old, new]); else the grouped one.
    const plain = others.length === 0 && !(own.fields && own.changes);
    detail = plain ? (own.changes ?? own.fields) : { v: 2, ...own, rows: others.map((r) => ({ table: r.table, rowId: r.rowId, op: r.op, ...auditDetail(level, r) })) };
  }
  s.db
    .insert(auditLog)
    .values({
      id: uuidv7(),
      at,
      userId: unit.actor.userId,
      action: unit.action ?? 'update',
      tableName: subject.table,
      rowId: subject.rowId,
      detail: detail === null ? null : JSON.stringify(detail),
    })
    .run();
}

function publish(s: ServiceContext, unit: Unit): void {
  s.events.committed({
    rows: [
      ...[...unit.rows.values()].map((r) => ({ table: r.table, op: r.op, columns: Object.keys(r.changes), rowId: r.rowId, before: r.before })),
      ...[...unit.derived].map(([table, d]) => ({ table, op: 'update' as const, columns: [...d.columns], ids: [...d.ids] })),
    ],
    touched: [...unit.touched.keys()],
    local: [...unit.rows.values()].some((r) => !r.remote),
  });
  const byCapability = new Map<Capability, Set<string>>();
  for (const r of unit.rows.values()) {
    const cap = capabilityOf(r.table);
    const set = byCapability.get(cap) ?? new Set<string>();
    set.add(r.entityId);
    byCapability.set(cap, set);
  }
  for (const [cap, ids] of unit.touched) {
    const set = byCapability.get(cap) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byCapability.set(cap, set);
  }
  for (const [capability, ids] of byCapability) s.events.emit('data.changed', { capability, ids: [...ids] });
}

/**
 * An audit entry for something that is no row change: a recording played or downloaded, a
 * recording deleted by the retention job. Written at once, in its own statement.
 */
export function auditEvent(s: ServiceContext, userId: string | null, action: string, table: string, rowId: string, detail: Record<string, unknown> | null = null): void {
  s.db
    .insert(auditLog)
    .values({ id: uuidv7(), at: s.now(), userId, action, tableName: table, rowId, detail: detail === null ? null : JSON.stringify(detail) })
    .run();
}
