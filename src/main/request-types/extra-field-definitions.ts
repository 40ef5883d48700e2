import { and, eq, isNull } from 'drizzle-orm';
import { requestTypeFields } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { INTERVENTION_STATUSES } from '../../shared/domain/intervention';
import { EXTRA_FIELD_KINDS, FIELD_STATES, type FieldState } from '../../shared/domain/extra-fields';
import type { z } from 'zod';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import { type extraFieldDefinitionInput, type ExtraFieldDefinition } from '../../shared/api/request-types';
import type { ExtraFieldAdminRow } from '../../shared/api/request-types';
import { unitOfWork } from '../core/unit';
import { chainOf, live } from './hierarchy';

/*
 * Extra-field definitions of request types (issue #4 part 5), as the administration writes them.
 * A field defined on a type applies to the type and every type below it; the intervention form
 * and the lifecycle read them with effectiveExtraFields(). Values live in interventions.extra
 * keyed by the field's id, so a renamed label never loses data, and a field that holds values is
 * never deleted (deactivated instead).
 */

type FieldRow = typeof requestTypeFields.$inferSelect;
type DefinitionInput = z.output<typeof extraFieldDefinitionInput>;

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * A stored row as the API returns it. JSON the administration never writes (bad replication,
 * hand edits) reads as empty; unknown status/state pairs are dropped, an unknown kind reads as text.
 */
function toDefinition(r: FieldRow): ExtraFieldDefinition {
  const parsed = parseJson<unknown>(r.states, {});
  const rawStates: Record<string, unknown> = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const states: ExtraFieldDefinition['states'] = {};
  for (const status of INTERVENTION_STATUSES) {
    const v = rawStates[status];
    if (typeof v === 'string' && (FIELD_STATES as readonly string[]).includes(v)) states[status] = v as FieldState;
  }
  const options = parseJson<unknown>(r.options, []);
  return {
    id: r.id,
    version: r.version,
    requestTypeId: r.requestTypeId,
    kind: (EXTRA_FIELD_KINDS as readonly string[]).includes(r.kind) ? r.kind : 'text',
    labels: { en: r.labelEn, ro: r.labelRo, 'pt-BR': r.labelPtBr, ca: r.labelCa },
    options: Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [],
    states,
    sequence: r.sequence,
    active: r.active,
  };
}


function ownRows(s: ServiceContext, typeId: string): FieldRow[] {
  return s.db
    .select()
    .from(requestTypeFields)
    .where(and(eq(requestTypeFields.requestTypeId, typeId), isNull(requestTypeFields.deletedAt)))
    .orderBy(requestTypeFields.sequence, requestTypeFields.createdAt)
    .all();
}

/**
 * The fields that apply to an intervention of this type: those of its ancestors (top level
 * first) then its own, each in its sequence. For the form and the lifecycle: pass activeOnly.
 */
export function effectiveExtraFields(s: ServiceContext, requestTypeId: string, options: { activeOnly?: boolean } = {}): ExtraFieldAdminRow[] {
  const out: ExtraFieldAdminRow[] = [];
  for (const t of chainOf(s, requestTypeId)) {
    for (const r of ownRows(s, t.id)) {
      if (options.activeOnly && !r.active) continue;
      out.push({ ...toDefinition(r), inheritedFrom: t.id === requestTypeId ? null : { id: t.id, code: t.code } });
    }
  }
  return out;
}

/** The active fields a form shows for a type (its own and its ancestors'), in form order. */
export function fieldsForType(s: ServiceContext, requestTypeId: string | null): ExtraFieldDefinition[] {
  if (!requestTypeId) return [];
  return effectiveExtraFields(s, requestTypeId, { activeOnly: true }).map(({ inheritedFrom: _inherited, ...definition }) => definition);
}

export function listExtraFieldsAdmin(s: ServiceContext, requestTypeId: string): ExtraFieldAdminRow[] {
  if (!live(s, requestTypeId)) throw new ApiError('not_found', 'The request type does not exist (any more).');
  return effectiveExtraFields(s, requestTypeId);
}

function columnsOf(d: DefinitionInput) {
  return {
    kind: d.kind,
    labelEn: d.labels.en,
    labelRo: d.labels.ro,
    labelPtBr: d.labels['pt-BR'],
    labelCa: d.labels.ca,
    options: JSON.stringify(d.options),
    // 'optional' is what an absent status means: stored only when it says something else.
    states: JSON.stringify(Object.fromEntries(Object.entries(d.states).filter(([, v]) => v && v !== 'optional'))),
    sequence: d.sequence,
    active: d.active,
  };
}

/** Whether some live intervention holds a value for the field (its type is `typeId`, the field's). */
function fieldHasValues(s: ServiceContext, fieldId: string, typeId: string): boolean {
  const type = live(s, typeId);
  const path = `$."${fieldId.replace(/["\\]/g, '')}"`;
  const depth = type?.depth ?? 0;
  // class{depth}_id = the defining type is exactly "interventions this field applies to", and indexed.
  const scope = depth >= 1 && depth <= 3 ? `class${depth}_id = ?` : 'request_type_id = ?';
  return (
    s.raw
      .prepare(`SELECT 1 FROM interventions WHERE deleted_at IS NULL AND ${scope} AND coalesce(json_type(extra, ?), 'null') <> 'null' LIMIT 1`)
      .get(typeId, path) !== undefined
  );
}

/** Two fields that apply to the same interventions must not read the same in any language. */
function duplicateLabel(s: ServiceContext, d: DefinitionInput, selfId: string | null): { path: string; message: string } | null {
  const around = effectiveExtraFields(s, d.requestTypeId);
  // Fields of the types below apply to the same forms too.
  const below = s.raw
    .prepare(
      `WITH RECURSIVE sub(id) AS (SELECT id FROM request_types WHERE parent_id = ? AND deleted_at IS NULL
         UNION SELECT t.id FROM request_types t JOIN sub ON t.parent_id = sub.id WHERE t.deleted_at IS NULL)
       SELECT f.* FROM request_type_fields f JOIN sub ON f.request_type_id = sub.id WHERE f.deleted_at IS NULL`,
    )
    .all(d.requestTypeId) as Record<string, unknown>[];
  const labelsBelow = below.map((r) => ({ id: r.id as string, labels: { en: r.label_en, ro: r.label_ro, 'pt-BR': r.label_pt_br, ca: r.label_ca } }));
  for (const lang of ['en', 'ro', 'pt-BR', 'ca'] as const) {
    const mine = d.labels[lang].toLocaleLowerCase();
    const clash = [...around.map((f) => ({ id: f.id, labels: f.labels })), ...labelsBelow].find(
      (f) => f.id !== selfId && String(f.labels[lang]).toLocaleLowerCase() === mine,
    );
    if (clash) return { path: `definition.labels.${lang}`, message: `Another field of this type (or of a type above or below it) is already labelled "${d.labels[lang]}".` };
  }
  return null;
}

function nextSequence(s: ServiceContext, typeId: string): number {
  const max = s.raw.prepare('SELECT max(sequence) FROM request_type_fields WHERE deleted_at IS NULL AND request_type_id = ?').pluck().get(typeId) as number | null;
  return (max ?? 0) + 10;
}

/** Creates (no id) or updates a definition; sequence 0 on a new one means "at the end". */
export function saveExtraField(s: ServiceContext, actor: Actor, input: { id?: string | undefined; version?: number | undefined; definition: DefinitionInput }): ExtraFieldDefinition {
  const d = input.definition;
  const row = unitOfWork(s, actor, () => {
      if (!live(s, d.requestTypeId)) {
        throw new ApiError('validation', 'The request type does not exist (any more).', [{ path: 'definition.requestTypeId', message: 'The request type does not exist.' }]);
      }
      const clash = duplicateLabel(s, d, input.id ?? null);
      if (clash) throw new ApiError('validation', clash.message, [clash]);
      if (!input.id) {
        const sequence = d.sequence > 0 ? d.sequence : nextSequence(s, d.requestTypeId);
        return createRecord(s, actor, requestTypeFields, { requestTypeId: d.requestTypeId, ...columnsOf(d), sequence });
      }
      if (input.version === undefined) throw new ApiError('validation', 'An update names the version it was based on.', [{ path: 'version', message: 'required' }]);
      const before = s.db.select().from(requestTypeFields).where(and(eq(requestTypeFields.id, input.id), isNull(requestTypeFields.deletedAt))).get();
      if (!before) throw new ApiError('not_found', 'The field does not exist (any more).');
      if (before.requestTypeId !== d.requestTypeId) {
        throw new ApiError('validation', 'A field stays on the request type it was defined on; define a new one on the other type.', [
          { path: 'definition.requestTypeId', message: 'A field cannot move to another type.' },
        ]);
      }
      if (before.kind !== d.kind && fieldHasValues(s, before.id, before.requestTypeId)) {
        throw new ApiError('validation', 'Interventions already hold values of this field, so its kind cannot change; deactivate it and define a new one.', [
          { path: 'definition.kind', message: 'Interventions already hold values of this field.' },
        ]);
      }
      return updateRecord(s, actor, requestTypeFields, before.id, input.version, columnsOf(d));
    });
  return toDefinition(row);
}

/** Gives the type's own fields the order of `order` (all of them, each with the version seen). */
export function reorderExtraFields(s: ServiceContext, actor: Actor, requestTypeId: string, order: { id: string; version: number }[]): ExtraFieldDefinition[] {
  unitOfWork(s, actor, () => {
        if (!live(s, requestTypeId)) throw new ApiError('not_found', 'The request type does not exist (any more).');
        const own = ownRows(s, requestTypeId);
        const ids = new Set(own.map((r) => r.id));
        if (order.length !== own.length || order.some((o) => !ids.has(o.id)) || new Set(order.map((o) => o.id)).size !== order.length) {
          throw new ApiError('conflict', 'The list of fields changed meanwhile; reload it and try again.');
        }
        order.forEach((o, i) => {
          const row = own.find((r) => r.id === o.id);
          if (row && row.sequence !== (i + 1) * 10) updateRecord(s, actor, requestTypeFields, o.id, o.version, { sequence: (i + 1) * 10 });
          else if (row && row.version !== o.version) throw new ApiError('conflict', 'A field was changed by someone else meanwhile; reload and try again.');
        });
      });
  return ownRows(s, requestTypeId).map(toDefinition);
}

/** Deletes a definition no intervention holds a value of; otherwise refuses (deactivate it). */
export function deleteExtraField(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const row = s.db.select().from(requestTypeFields).where(and(eq(requestTypeFields.id, id), isNull(requestTypeFields.deletedAt))).get();
        if (!row) throw new ApiError('not_found', 'The field does not exist (any more).');
        if (fieldHasValues(s, row.id, row.requestTypeId)) {
          throw new ApiError('validation', `Interventions hold values of "${row.labelEn}", so it cannot be deleted; deactivate it instead.`, [
            { path: '', message: 'has values' },
          ]);
        }
        deleteRecord(s, actor, requestTypeFields, id, version);
      });
}
