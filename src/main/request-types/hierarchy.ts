import { and, eq, isNull } from 'drizzle-orm';
import type { RequestTypeAdminRow, RequestTypeUsage, RequestTypeValues } from '../../shared/api/request-types';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import type { Actor, ServiceContext } from '../core/context';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import { touch, unitOfWork } from '../core/unit';
import { requestTypeFields, requestTypes, requestTypeTemplates, teams } from '../db/schema/index';

/*
 * The request-type hierarchy: the tree (at most three levels people name Classification 1/2/3),
 * what an intervention stores of it, and its administration. Extra fields and form templates of
 * a type are in extra-field-definitions.ts and templates.ts.
 */


export type RequestTypeRow = typeof requestTypes.$inferSelect;

type NewRequestType = Omit<typeof requestTypes.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt' | 'depth'>;

/** Users know three levels (Classification 1/2/3); deeper types still work but group under level 3. */
const MAX_DEPTH = 3;

export function createRequestType(s: ServiceContext, actor: Actor, values: NewRequestType): RequestTypeRow {
  let depth = 1;
  if (values.parentId) {
    const parent = live(s, values.parentId);
    if (!parent) throw new ApiError('validation', 'The parent request type does not exist.', [{ path: 'parentId', message: 'unknown' }]);
    depth = parent.depth + 1;
    if (depth > MAX_DEPTH) throw new ApiError('validation', `Request types go at most ${MAX_DEPTH} levels deep.`, [{ path: 'parentId', message: 'too deep' }]);
  }
  return createRecord(s, actor, requestTypes, { ...values, depth });
}

/**
 * The type's ancestors by level, itself included: what an intervention stores as class1/2/3
 * so that grouping by a classification level needs no tree walk.
 */
export function classificationOf(s: ServiceContext, requestTypeId: string): { class1Id: string | null; class2Id: string | null; class3Id: string | null } {
  const chain = chainOf(s, requestTypeId);
  if (chain.length === 0) throw new ApiError('validation', 'The request type does not exist.', [{ path: 'requestTypeId', message: 'unknown' }]);
  return { class1Id: chain[0]?.id ?? null, class2Id: chain[1]?.id ?? null, class3Id: chain[2]?.id ?? null };
}

/*
 * Administration of the request-type hierarchy. Levels 1-3 are what users call Classification
 * 1/2/3, and two things are derived from the tree and must follow every change of it:
 *   - request_types.depth (a replicated column of the row: written through updateRecord), and
 *   - interventions.class1_id..class3_id: DERIVED DATA, the ancestors of each intervention's
 *     type, kept only so that grouping by a level needs no tree walk. They are rewritten in bulk
 *     in the same transaction as the move, without outbox entries or version bumps: they are not
 *     a fact anyone typed, every workstation derives them from the replicated tree, and bumping
 *     the version of thousands of interventions would turn an admin's move into false edit
 *     conflicts for every operator who has one open.
 * Invariants kept here: no cycles, depth ≤ MAX_DEPTH, codes unique (ignoring case), an active
 * type only under an active parent (so the form's picker, which lists active types, never
 * shows a child without its parent).
 */

type SaveInput = { id?: string | undefined; version?: number | undefined; values: RequestTypeValues };

export function live(s: ServiceContext, id: string): RequestTypeRow | undefined {
  return s.db.select().from(requestTypes).where(and(eq(requestTypes.id, id), isNull(requestTypes.deletedAt))).get();
}

function mustExist(s: ServiceContext, id: string): RequestTypeRow {
  const row = live(s, id);
  if (!row) throw new ApiError('not_found', 'The request type does not exist (any more).');
  return row;
}

function allLive(s: ServiceContext): RequestTypeRow[] {
  return s.db.select().from(requestTypes).where(isNull(requestTypes.deletedAt)).all();
}

function childrenMap(rows: RequestTypeRow[]): Map<string | null, RequestTypeRow[]> {
  const map = new Map<string | null, RequestTypeRow[]>();
  for (const r of rows) map.set(r.parentId, [...(map.get(r.parentId) ?? []), r]);
  for (const list of map.values()) list.sort((a, b) => a.sequence - b.sequence || a.code.localeCompare(b.code));
  return map;
}

/** The type and every live type below it, the type first, parents before children. */
function subtreeOf(s: ServiceContext, root: RequestTypeRow): RequestTypeRow[] {
  const kids = childrenMap(allLive(s));
  const out: RequestTypeRow[] = [];
  const seen = new Set<string>();
  const walk = (r: RequestTypeRow) => {
    if (seen.has(r.id)) return; // a corrupt (cyclic) tree must not hang the main process
    seen.add(r.id);
    out.push(r);
    for (const c of kids.get(r.id) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** root → … → the type itself (empty for an unknown type; a cycle in bad data stops the walk). */
export function chainOf(s: ServiceContext, id: string): RequestTypeRow[] {
  const chain: RequestTypeRow[] = [];
  const seen = new Set<string>();
  let current = live(s, id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parentId ? live(s, current.parentId) : undefined;
  }
  return chain;
}

const CLASS_COLUMN = { 1: 'class1_id', 2: 'class2_id', 3: 'class3_id' } as const;

function classColumn(depth: number): string | null {
  return depth >= 1 && depth <= 3 ? CLASS_COLUMN[depth as 1 | 2 | 3] : null;
}

function toAdminRow(r: RequestTypeRow, counts: { fields: Map<string, number>; templates: Map<string, number> }): RequestTypeAdminRow {
  return {
    id: r.id,
    version: r.version,
    parentId: r.parentId,
    depth: r.depth,
    code: r.code,
    sequence: r.sequence,
    active: r.active,
    names: { en: r.nameEn, ro: r.nameRo, 'pt-BR': r.namePtBr, ca: r.nameCa },
    description: r.description,
    responsibleTeamId: r.responsibleTeamId,
    onPortal: r.onPortal,
    recordCalls: r.recordCalls,
    mailClient: r.mailClient,
    defaultPriority: r.defaultPriority,
    fieldCount: counts.fields.get(r.id) ?? 0,
    templateCount: counts.templates.get(r.id) ?? 0,
  };
}

function ownCounts(s: ServiceContext): { fields: Map<string, number>; templates: Map<string, number> } {
  const count = (table: string) =>
    new Map(
      (s.raw.prepare(`SELECT request_type_id AS id, count(*) AS n FROM ${table} WHERE deleted_at IS NULL GROUP BY request_type_id`).all() as { id: string; n: number }[]).map(
        (x) => [x.id, x.n],
      ),
    );
  return { fields: count('request_type_fields'), templates: count('request_type_templates') };
}

function adminRow(s: ServiceContext, id: string): RequestTypeAdminRow {
  return toAdminRow(mustExist(s, id), ownCounts(s));
}

/** Every live type, inactive ones too, in tree order (parents before children, siblings by sequence). */
export function listRequestTypesAdmin(s: ServiceContext): RequestTypeAdminRow[] {
  const rows = allLive(s);
  const kids = childrenMap(rows);
  const ids = new Set(rows.map((r) => r.id));
  const counts = ownCounts(s);
  const out: RequestTypeAdminRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const r of kids.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(toAdminRow(r, counts));
      walk(r.id);
    }
  };
  walk(null);
  // Types whose parent is gone (a deleted parent arriving by sync): listed at the top level rather than lost.
  for (const r of rows) {
    if (seen.has(r.id) || !r.parentId || ids.has(r.parentId)) continue;
    seen.add(r.id);
    out.push({ ...toAdminRow(r, counts), parentId: null });
    walk(r.id);
  }
  return out;
}

/** Interventions of the type (and below it). Counted on a read worker: a top-level type may have hundreds of thousands. */
export async function requestTypeUsage(s: ServiceContext, id: string): Promise<RequestTypeUsage> {
  const row = mustExist(s, id);
  const children = (s.raw.prepare('SELECT count(*) FROM request_types WHERE deleted_at IS NULL AND parent_id = ?').pluck().get(id) as number) ?? 0;
  const col = classColumn(row.depth);
  if (col) {
    // class{depth}_id = id is exactly "this type or below" (derived columns), and indexed over live rows.
    const r = await s.reads.get<{ own: number; subtree: number }>(
      `SELECT count(*) AS subtree, coalesce(sum(request_type_id = ?), 0) AS own FROM interventions WHERE deleted_at IS NULL AND ${col} = ?`,
      [id, id],
    );
    return { own: r?.own ?? 0, subtree: r?.subtree ?? 0, children };
  }
  const ids = subtreeOf(s, row).map((r) => r.id);
  const r = await s.reads.get<{ own: number; subtree: number }>(
    `SELECT count(*) AS subtree, coalesce(sum(request_type_id = ?), 0) AS own FROM interventions
     WHERE deleted_at IS NULL AND request_type_id IN (${ids.map(() => '?').join(',')})`,
    [id, ...ids],
  );
  return { own: r?.own ?? 0, subtree: r?.subtree ?? 0, children };
}

/** Whether any live intervention uses the type or a type below it (fast: one index probe). */
function isUsed(s: ServiceContext, row: RequestTypeRow): boolean {
  const col = classColumn(row.depth);
  if (col) return s.raw.prepare(`SELECT 1 FROM interventions WHERE deleted_at IS NULL AND ${col} = ? LIMIT 1`).get(row.id) !== undefined;
  const ids = subtreeOf(s, row).map((r) => r.id);
  return s.raw.prepare(`SELECT 1 FROM interventions WHERE deleted_at IS NULL AND request_type_id IN (${ids.map(() => '?').join(',')}) LIMIT 1`).get(...ids) !== undefined;
}

function checkCode(s: ServiceContext, code: string, selfId: string | null): FieldIssue | null {
  const other = s.raw
    .prepare('SELECT id, code, name_en AS name FROM request_types WHERE deleted_at IS NULL AND code = ? COLLATE NOCASE AND id IS NOT ? LIMIT 1')
    .get(code, selfId) as { id: string; code: string; name: string } | undefined;
  return other ? { path: 'values.code', message: `The code ${other.code} is already used by "${other.name}".` } : null;
}

function checkTeam(s: ServiceContext, teamId: string | null, unchanged: boolean): FieldIssue | null {
  if (!teamId || unchanged) return null;
  const team = s.db.select({ active: teams.active }).from(teams).where(and(eq(teams.id, teamId), isNull(teams.deletedAt))).get();
  if (!team) return { path: 'values.responsibleTeamId', message: 'The team does not exist (any more).' };
  if (!team.active) return { path: 'values.responsibleTeamId', message: 'The team is inactive; choose an active one.' };
  return null;
}

/**
 * Checks that `row` (its subtree `height` levels tall, itself counted) may sit under `parentId`,
 * and answers its new depth. `path` names the field the refusal is about.
 */
function placement(s: ServiceContext, rowId: string | null, parentId: string | null, height: number, path: string): { depth: number; parent: RequestTypeRow | null } {
  if (!parentId) {
    if (height > MAX_DEPTH) throw new ApiError('validation', `Request types go at most ${MAX_DEPTH} levels deep.`, [{ path, message: `this branch is ${height} levels tall` }]);
    return { depth: 1, parent: null };
  }
  const parent = live(s, parentId);
  if (!parent) throw new ApiError('validation', 'The parent request type does not exist (any more).', [{ path, message: 'The parent request type does not exist.' }]);
  if (rowId && chainOf(s, parentId).some((a) => a.id === rowId)) {
    throw new ApiError('validation', 'A request type cannot be moved under itself or one of its own sub-types.', [
      { path, message: 'A type cannot go under itself or one of its sub-types.' },
    ]);
  }
  const depth = parent.depth + 1;
  if (depth + height - 1 > MAX_DEPTH) {
    const message =
      height === 1
        ? `Request types go at most ${MAX_DEPTH} levels deep (Classification 1 to ${MAX_DEPTH}); "${parent.code}" is already at level ${parent.depth}.`
        : `Request types go at most ${MAX_DEPTH} levels deep; under "${parent.code}" (level ${parent.depth}) this branch of ${height} levels would reach level ${depth + height - 1}.`;
    throw new ApiError('validation', message, [{ path, message }]);
  }
  return { depth, parent };
}

function parentInactiveIssue(parent: RequestTypeRow | null, active: boolean): FieldIssue | null {
  return parent && !parent.active && active
    ? { path: 'values.active', message: `The parent "${parent.code}" is inactive: activate it first, or keep this type inactive.` }
    : null;
}

function fail(issues: (FieldIssue | null)[]): void {
  const list = issues.filter((i): i is FieldIssue => i !== null);
  if (list.length > 0) throw new ApiError('validation', list[0]?.message ?? 'Some fields are not valid.', list);
}

function columnsOf(v: RequestTypeValues) {
  return {
    code: v.code,
    sequence: v.sequence,
    active: v.active,
    nameEn: v.names.en,
    nameRo: v.names.ro,
    namePtBr: v.names['pt-BR'],
    nameCa: v.names.ca,
    description: v.description,
    responsibleTeamId: v.responsibleTeamId,
    onPortal: v.onPortal,
    recordCalls: v.recordCalls,
    mailClient: v.mailClient,
    defaultPriority: v.defaultPriority,
  };
}

/**
 * After `moved` changed parent: every type of its subtree gets its new depth, and the class
 * columns of the interventions using them are derived again (see the note at the top).
 * Runs inside the caller's transaction; `before` is the subtree as it was (old depths).
 */
function followMove(s: ServiceContext, actor: Actor, before: RequestTypeRow[]): number {
  let changedInterventions = 0;
  const [root, ...descendants] = before;
  if (!root) return 0;
  for (const d of descendants) {
    const parent = d.parentId ? live(s, d.parentId) : undefined;
    const depth = (parent?.depth ?? 0) + 1;
    if (depth !== d.depth) updateRecord(s, actor, requestTypes, d.id, d.version, { depth });
  }
  // Derived data: no outbox, no version bump (see the top of this file).
  for (const old of before) {
    const chain = chainOf(s, old.id);
    const [c1, c2, c3] = [chain[0]?.id ?? null, chain[1]?.id ?? null, chain[2]?.id ?? null];
    const col = classColumn(old.depth);
    const where = col ? `deleted_at IS NULL AND ${col} = ? AND request_type_id = ?` : 'deleted_at IS NULL AND request_type_id = ? AND request_type_id = ?';
    changedInterventions += s.raw
      .prepare(`UPDATE interventions SET class1_id = ?, class2_id = ?, class3_id = ? WHERE ${where}`)
      .run(c1, c2, c3, old.id, old.id).changes;
  }
  return changedInterventions;
}

function height(subtree: RequestTypeRow[]): number {
  const top = subtree[0]?.depth ?? 1;
  return subtree.reduce((h, r) => Math.max(h, r.depth - top + 1), 1);
}

function nextSequence(s: ServiceContext, parentId: string | null, excludeId: string | null): number {
  const max = s.raw
    .prepare('SELECT max(sequence) FROM request_types WHERE deleted_at IS NULL AND parent_id IS ? AND id IS NOT ?')
    .pluck()
    .get(parentId, excludeId) as number | null;
  return (max ?? 0) + 10;
}

/** Deactivating a type hides its whole branch from the form (see the invariant at the top). */
function deactivateBelow(s: ServiceContext, actor: Actor, subtree: RequestTypeRow[]): void {
  for (const d of subtree.slice(1)) {
    const fresh = live(s, d.id);
    if (fresh?.active) updateRecord(s, actor, requestTypes, fresh.id, fresh.version, { active: false }, 'deactivate');
  }
}

function emitInterventionsChanged(s: ServiceContext, n: number): void {
  // Many rows at once: the ids are not listed (windows only need to know the capability changed).
  if (n > 0) touch(s, 'interventions', []);
}

export function saveRequestType(s: ServiceContext, actor: Actor, input: SaveInput): RequestTypeAdminRow {
  const v = input.values;
  let followed = 0;
  const id = unitOfWork(s, actor, () => {
      if (!input.id) {
        const { depth, parent } = placement(s, null, v.parentId, 1, 'values.parentId');
        fail([checkCode(s, v.code, null), checkTeam(s, v.responsibleTeamId, false), parentInactiveIssue(parent, v.active)]);
        const sequence = v.sequence > 0 ? v.sequence : nextSequence(s, v.parentId, null);
        return createRecord(s, actor, requestTypes, { ...columnsOf(v), sequence, parentId: v.parentId, depth }).id;
      }
      const before = mustExist(s, input.id);
      if (before.version !== input.version) {
        throw new ApiError('conflict', `The request type was changed by someone else (version ${before.version}, yours ${String(input.version)}).`);
      }
      const moving = (v.parentId ?? null) !== (before.parentId ?? null);
      const subtree = subtreeOf(s, before);
      const { depth, parent } = moving
        ? placement(s, before.id, v.parentId, height(subtree), 'values.parentId')
        : { depth: before.depth, parent: before.parentId ? (live(s, before.parentId) ?? null) : null };
      fail([
        checkCode(s, v.code, before.id),
        checkTeam(s, v.responsibleTeamId, v.responsibleTeamId === before.responsibleTeamId),
        // Only when it changes: an already active child of a parent deactivated by sync is left alone.
        v.active && (!before.active || moving) ? parentInactiveIssue(parent, true) : null,
      ]);
      const sequence = moving && v.sequence === before.sequence ? nextSequence(s, v.parentId, before.id) : v.sequence;
      updateRecord(s, actor, requestTypes, before.id, input.version, { ...columnsOf(v), sequence, parentId: v.parentId, depth }, moving ? 'move' : 'update');
      if (moving) followed = followMove(s, actor, subtree);
      if (before.active && !v.active) deactivateBelow(s, actor, subtree);
      return before.id;
    });
  emitInterventionsChanged(s, followed);
  return adminRow(s, id);
}

/** Moves a type (and its branch) under another parent, or to the top level. */
export function moveRequestType(
  s: ServiceContext,
  actor: Actor,
  input: { id: string; version: number; parentId: string | null; sequence?: number | undefined },
): RequestTypeAdminRow {
  let followed = 0;
  unitOfWork(s, actor, () => {
        const before = mustExist(s, input.id);
        if (before.version !== input.version) {
          throw new ApiError('conflict', `The request type was changed by someone else (version ${before.version}, yours ${input.version}).`);
        }
        const moving = (input.parentId ?? null) !== (before.parentId ?? null);
        const subtree = subtreeOf(s, before);
        const { depth, parent } = moving
          ? placement(s, before.id, input.parentId, height(subtree), 'parentId')
          : { depth: before.depth, parent: null };
        if (moving && before.active && parent && !parent.active) {
          throw new ApiError('validation', `The new parent "${parent.code}" is inactive; an active type cannot go under it.`, [
            { path: 'parentId', message: `The new parent "${parent.code}" is inactive.` },
          ]);
        }
        const sequence = input.sequence ?? (moving ? nextSequence(s, input.parentId, before.id) : before.sequence);
        updateRecord(s, actor, requestTypes, before.id, input.version, { parentId: input.parentId, depth, sequence }, moving ? 'move' : 'update');
        if (moving) followed = followMove(s, actor, subtree);
      });
  emitInterventionsChanged(s, followed);
  return adminRow(s, input.id);
}

/**
 * Deletes an unused type without sub-types, with its field definitions and templates. A type
 * some intervention uses is refused: history must keep its classification (deactivate it).
 */
export function deleteRequestType(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const row = mustExist(s, id);
        if (row.version !== version) throw new ApiError('conflict', `The request type was changed by someone else (version ${row.version}, yours ${version}).`);
        const children = s.raw.prepare('SELECT count(*) FROM request_types WHERE deleted_at IS NULL AND parent_id = ?').pluck().get(id) as number;
        if (children > 0) {
          throw new ApiError('validation', `"${row.code}" has ${children} sub-type(s): delete or move them first.`, [{ path: '', message: 'has sub-types' }]);
        }
        if (isUsed(s, row)) {
          throw new ApiError('validation', `"${row.code}" is used by interventions, so it cannot be deleted; deactivate it instead.`, [{ path: '', message: 'used by interventions' }]);
        }
        for (const f of s.db.select().from(requestTypeFields).where(and(eq(requestTypeFields.requestTypeId, id), isNull(requestTypeFields.deletedAt))).all()) {
          deleteRecord(s, actor, requestTypeFields, f.id, f.version);
        }
        for (const t of s.db.select().from(requestTypeTemplates).where(and(eq(requestTypeTemplates.requestTypeId, id), isNull(requestTypeTemplates.deletedAt))).all()) {
          deleteRecord(s, actor, requestTypeTemplates, t.id, t.version);
        }
        // The unique index on code covers tombstones too: free the code so it can be given again.
        const freed = updateRecord(s, actor, requestTypes, id, version, { code: `${row.code}~${row.id}` });
        deleteRecord(s, actor, requestTypes, id, freed.version);
      });
}
