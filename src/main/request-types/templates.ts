import { and, eq, isNull } from 'drizzle-orm';
import { attachments, requestTypes, requestTypeTemplates } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { TEMPLATE_MODES, type TemplateMode } from '../../shared/domain/extra-fields';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import type { RequestTypeTemplate } from '../../shared/api/request-types';
import { unitOfWork } from '../core/unit';
import { placeholders } from '../db/sql';
import { chainOf } from './hierarchy';

/*
 * Form templates attached to a request type (a checklist, a handover sheet): the blank file is an
 * attachment uploaded through the file interface; a mandatory one must come back filled in (a
 * file in the thread marked with the template) before the intervention is finalized, which the
 * lifecycle enforces. Templates apply to the type they are attached to.
 */

type Values = { requestTypeId: string; name: string; attachmentId: string; mode: TemplateMode; sequence: number };

const SELECT = `SELECT t.id, t.version, t.request_type_id AS requestTypeId, t.name, t.mode, t.sequence,
    a.id AS attachmentId, a.file_name AS fileName, a.size, a.mime_type AS mimeType
  FROM request_type_templates t JOIN attachments a ON a.id = t.attachment_id
  WHERE t.deleted_at IS NULL`;

type Joined = Omit<RequestTypeTemplate, 'attachment'> & { attachmentId: string; fileName: string; size: number; mimeType: string };

function shape(r: Joined): RequestTypeTemplate {
  return {
    id: r.id,
    version: r.version,
    requestTypeId: r.requestTypeId,
    name: r.name,
    // A mode this version does not know (written by a newer one) reads as optional.
    mode: (TEMPLATE_MODES as readonly string[]).includes(r.mode) ? r.mode : 'optional',
    sequence: r.sequence,
    attachment: { id: r.attachmentId, fileName: r.fileName, size: r.size, mimeType: r.mimeType },
  };
}

function typeExists(s: ServiceContext, id: string): boolean {
  return s.db.select({ id: requestTypes.id }).from(requestTypes).where(and(eq(requestTypes.id, id), isNull(requestTypes.deletedAt))).get() !== undefined;
}

export function listTemplates(s: ServiceContext, requestTypeId: string): RequestTypeTemplate[] {
  if (!typeExists(s, requestTypeId)) throw new ApiError('not_found', 'The request type does not exist (any more).');
  return (s.raw.prepare(`${SELECT} AND t.request_type_id = ? ORDER BY t.sequence, t.created_at`).all(requestTypeId) as Joined[]).map(shape);
}

/**
 * The form templates of a request type: its own and its ancestors' (a checklist on "Boilers"
 * holds for every kind of boiler), the root's first, then by sequence.
 */
export function templatesForType(s: ServiceContext, requestTypeId: string | null): RequestTypeTemplate[] {
  const chain = requestTypeId ? chainOf(s, requestTypeId).map((t) => t.id) : [];
  if (chain.length === 0) return [];
  const rows = s.raw.prepare(`${SELECT} AND t.request_type_id IN (${placeholders(chain.length)})`).all(...chain) as Joined[];
  const depth = new Map(chain.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => (depth.get(a.requestTypeId) ?? 0) - (depth.get(b.requestTypeId) ?? 0) || a.sequence - b.sequence || (a.id < b.id ? -1 : 1))
    .map(shape);
}

function getTemplate(s: ServiceContext, id: string): RequestTypeTemplate {
  const r = s.raw.prepare(`${SELECT} AND t.id = ?`).get(id) as Joined | undefined;
  if (!r) throw new ApiError('not_found', 'The template does not exist (any more).');
  return shape(r);
}

function ownRows(s: ServiceContext, typeId: string) {
  return s.db
    .select()
    .from(requestTypeTemplates)
    .where(and(eq(requestTypeTemplates.requestTypeId, typeId), isNull(requestTypeTemplates.deletedAt)))
    .orderBy(requestTypeTemplates.sequence, requestTypeTemplates.createdAt)
    .all();
}

/** Creates (no id) or updates a template; sequence 0 on a new one means "at the end". */
export function saveTemplate(s: ServiceContext, actor: Actor, input: { id?: string | undefined; version?: number | undefined; values: Values }): RequestTypeTemplate {
  const v = input.values;
  const id = unitOfWork(s, actor, () => {
      if (!typeExists(s, v.requestTypeId)) {
        throw new ApiError('validation', 'The request type does not exist (any more).', [{ path: 'values.requestTypeId', message: 'The request type does not exist.' }]);
      }
      const file = s.db.select({ id: attachments.id }).from(attachments).where(and(eq(attachments.id, v.attachmentId), isNull(attachments.deletedAt))).get();
      if (!file) throw new ApiError('validation', 'The uploaded file was not found; upload it again.', [{ path: 'values.attachmentId', message: 'The file was not found; upload it again.' }]);
      const clash = s.raw
        .prepare('SELECT 1 FROM request_type_templates WHERE deleted_at IS NULL AND request_type_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?')
        .get(v.requestTypeId, v.name, input.id ?? null);
      if (clash) throw new ApiError('validation', `This type already has a template named "${v.name}".`, [{ path: 'values.name', message: `Another template of this type is named "${v.name}".` }]);
      if (!input.id) {
        const max = s.raw.prepare('SELECT max(sequence) FROM request_type_templates WHERE deleted_at IS NULL AND request_type_id = ?').pluck().get(v.requestTypeId) as number | null;
        return createRecord(s, actor, requestTypeTemplates, { ...v, sequence: v.sequence > 0 ? v.sequence : (max ?? 0) + 10 }).id;
      }
      if (input.version === undefined) throw new ApiError('validation', 'An update names the version it was based on.', [{ path: 'version', message: 'required' }]);
      const before = s.db.select().from(requestTypeTemplates).where(and(eq(requestTypeTemplates.id, input.id), isNull(requestTypeTemplates.deletedAt))).get();
      if (!before) throw new ApiError('not_found', 'The template does not exist (any more).');
      if (before.requestTypeId !== v.requestTypeId) {
        throw new ApiError('validation', 'A template stays on the request type it was attached to.', [{ path: 'values.requestTypeId', message: 'A template cannot move to another type.' }]);
      }
      return updateRecord(s, actor, requestTypeTemplates, before.id, input.version, v).id;
    });
  return getTemplate(s, id);
}

export function reorderTemplates(s: ServiceContext, actor: Actor, requestTypeId: string, order: { id: string; version: number }[]): RequestTypeTemplate[] {
  unitOfWork(s, actor, () => {
        if (!typeExists(s, requestTypeId)) throw new ApiError('not_found', 'The request type does not exist (any more).');
        const own = ownRows(s, requestTypeId);
        const ids = new Set(own.map((r) => r.id));
        if (order.length !== own.length || order.some((o) => !ids.has(o.id)) || new Set(order.map((o) => o.id)).size !== order.length) {
          throw new ApiError('conflict', 'The list of templates changed meanwhile; reload it and try again.');
        }
        order.forEach((o, i) => {
          const row = own.find((r) => r.id === o.id);
          if (row && row.sequence !== (i + 1) * 10) updateRecord(s, actor, requestTypeTemplates, o.id, o.version, { sequence: (i + 1) * 10 });
          else if (row && row.version !== o.version) throw new ApiError('conflict', 'A template was changed by someone else meanwhile; reload and try again.');
        });
      });
  return listTemplates(s, requestTypeId);
}

/** Deletes a template no filled-in file refers to; otherwise refuses (the thread keeps its meaning). */
export function deleteTemplate(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const row = getTemplate(s, id);
        const used = s.raw.prepare('SELECT count(*) FROM intervention_messages WHERE deleted_at IS NULL AND template_id = ?').pluck().get(id) as number;
        if (used > 0) {
          throw new ApiError('validation', `${used} filled-in file(s) in intervention threads refer to "${row.name}", so it cannot be deleted; make it informative instead.`, [
            { path: '', message: 'used in threads' },
          ]);
        }
        deleteRecord(s, actor, requestTypeTemplates, id, version);
      });
}
