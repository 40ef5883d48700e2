import type { InterventionDetail, InterventionLookups, InterventionTechnician } from '../../shared/api/interventions';
import { ApiError } from '../../shared/api/result';
import type { Language } from '../../shared/i18n/languages';
import type { ServiceContext } from '../core/context';
import { interventions } from '../db/schema/index';
import { and, eq, isNull } from 'drizzle-orm';
import { NAME_COLUMN } from '../grid/columns-sql';
import { fieldsForType } from '../request-types/extra-field-definitions';
import { templatesForType } from '../request-types/templates';
import { filledTemplateIds } from '../thread/messages';
import type { InterventionRow } from './commands';
import { readExtra } from './extra-values';

/* Interventions as they are read: one row, its detail for the form, and what the filter pickers offer. */

export const one = (s: ServiceContext, sql: string, ...params: unknown[]) => s.raw.prepare(sql).get(...params) as Record<string, unknown> | undefined;

export function getRow(s: ServiceContext, id: string): InterventionRow {
  const row = s.db.select().from(interventions).where(and(eq(interventions.id, id), isNull(interventions.deletedAt))).get();
  if (!row) throw new ApiError('not_found', 'The intervention does not exist.');
  return row;
}

export function getDetail(s: ServiceContext, id: string, language: Language): InterventionDetail {
  const r = getRow(s, id);
  const name = NAME_COLUMN[language];
  const nameOf = (table: string, col: string, rid: string | null): string | null =>
    rid ? ((s.raw.prepare(`SELECT ${col} FROM ${table} WHERE id = ?`).pluck().get(rid) as string | undefined) ?? null) : null;
  const prefix = nameOf('series', 'prefix', r.seriesId);
  const path: string[] = [];
  for (const cid of [r.class1Id, r.class2Id, r.class3Id]) {
    const n = nameOf('request_types', name, cid);
    if (n !== null) path.push(n);
  }
  if (r.requestTypeId && ![r.class1Id, r.class2Id, r.class3Id].includes(r.requestTypeId)) {
    const n = nameOf('request_types', name, r.requestTypeId);
    if (n !== null) path.push(n);
  }
  const technicians = s.raw
    .prepare(
      `SELECT t.id, t.version, t.person_id AS personId, p.name, t.answer, t.reason, t.answered_at AS answeredAt
       FROM intervention_technicians t JOIN personnel p ON p.id = t.person_id
       WHERE t.intervention_id = ? AND t.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE`,
    )
    .all(id) as InterventionTechnician[];
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    status: r.status,
    valid: r.valid,
    seriesId: r.seriesId,
    seriesPrefix: prefix,
    number: r.number,
    fullNumber: r.valid && r.number !== null ? `${prefix ?? ''}${prefix ? '-' : ''}${r.number}` : null,
    docDate: r.docDate,
    clientId: r.clientId,
    clientName: nameOf('clients', 'name', r.clientId) ?? '',
    contactPersonId: r.contactPersonId,
    contactPersonName: nameOf('contact_persons', 'name', r.contactPersonId),
    requestTypeId: r.requestTypeId,
    requestTypePath: path,
    class1Id: r.class1Id,
    class2Id: r.class2Id,
    class3Id: r.class3Id,
    priority: r.priority === 1 || r.priority === 3 ? r.priority : 2,
    confirmed: r.confirmed,
    objectKind: r.objectKind,
    objectText: r.objectText,
    productId: r.productId,
    productName: nameOf('products', 'name', r.productId),
    assetId: r.assetId,
    serialLot: r.serialLot,
    verifierId: r.verifierId,
    verifierName: nameOf('personnel', 'name', r.verifierId),
    takenById: r.takenById,
    takenByName: nameOf('personnel', 'name', r.takenById),
    teamId: r.teamId,
    teamName: nameOf('teams', 'name', r.teamId),
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    finalizedAt: r.finalizedAt,
    resolution: r.resolution,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    notes: r.notes,
    contractId: r.contractId,
    contract: r.contractId ? { name: nameOf('service_contracts', 'name', r.contractId) ?? '', occurrence: r.contractOccurrence } : null,
    estimate: r.estimate,
    vehicle: r.vehicle,
    source: r.source,
    mailClient: r.mailClient,
    awaitingReply: r.awaitingReply,
    technicians,
    extra: readExtra(r.extra),
    extraFields: fieldsForType(s, r.requestTypeId),
    templates: templatesForType(s, r.requestTypeId),
    filledTemplateIds: filledTemplateIds(s, r.id),
  };
}

/**
 * The request types as the tree reads, top to bottom: each parent followed by its children (in
 * their order, then by name), so a picker shows a branch together. `rows` come sorted by
 * sequence and name; a type whose parent is inactive is left out with its branch.
 */
function inTreeOrder<T extends { id: string; parentId: string | null }>(rows: readonly T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: T[] = [];
  const walk = (parent: string | null, depth: number) => {
    if (depth > 10) return; // a cycle cannot be stored, but never loop on one
    for (const r of children.get(parent) ?? []) {
      out.push(r);
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** What the filter pickers of the interventions window choose from. Small tables: read directly. */
export function interventionLookups(s: ServiceContext, language: Language): InterventionLookups {
  const personnel = s.raw
    .prepare(
      `SELECT id, name, is_operator AS operator, is_technician AS technician, is_verifier AS verifier
       FROM personnel WHERE deleted_at IS NULL AND active = 1 ORDER BY name COLLATE NOCASE`,
    )
    .all() as { id: string; name: string; operator: number; technician: number; verifier: number }[];
  const requestTypes = s.raw
    .prepare(
      `SELECT id, parent_id AS parentId, depth, code, ${NAME_COLUMN[language]} AS name, mail_client AS mailClient
       FROM request_types WHERE deleted_at IS NULL AND active = 1 ORDER BY sequence, name COLLATE NOCASE, id`,
    )
    .all() as (Omit<InterventionLookups['requestTypes'][number], 'mailClient'> & { mailClient: number })[];
  // Parents come before their children, so a type inherits "keep the client informed" in one pass.
  const informed = new Map<string, boolean>();
  const types = inTreeOrder(requestTypes).map((r) => {
    const mailClient = r.mailClient === 1 || (r.parentId !== null && informed.get(r.parentId) === true);
    informed.set(r.id, mailClient);
    return { ...r, mailClient };
  });
  const zones = s.raw
    .prepare('SELECT DISTINCT commercial_zone AS z FROM clients WHERE deleted_at IS NULL AND commercial_zone IS NOT NULL ORDER BY 1')
    .pluck()
    .all() as string[];
  const teams = s.raw
    .prepare('SELECT id, name FROM teams WHERE deleted_at IS NULL AND active = 1 ORDER BY name COLLATE NOCASE')
    .all() as { id: string; name: string }[];
  const members = s.raw
    .prepare(
      `SELECT m.team_id AS teamId, m.person_id AS personId
       FROM team_members m JOIN personnel p ON p.id = m.person_id
       WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL AND p.active = 1
       ORDER BY p.name COLLATE NOCASE`,
    )
    .all() as { teamId: string; personId: string }[];
  const memberIds = new Map<string, string[]>();
  for (const m of members) memberIds.set(m.teamId, [...(memberIds.get(m.teamId) ?? []), m.personId]);
  return {
    personnel: personnel.map((p) => ({ id: p.id, name: p.name, operator: p.operator === 1, technician: p.technician === 1, verifier: p.verifier === 1 })),
    requestTypes: types,
    commercialZones: zones,
    teams: teams.map((t) => ({ id: t.id, name: t.name, memberIds: memberIds.get(t.id) ?? [] })),
  };
}
