import type { z } from 'zod';
import { type PersonRow, type personCreateInput, type personUpdateInput } from '../../shared/api/personnel';
import { ApiError } from '../../shared/api/result';
import { type ServiceContext, type Actor } from '../core/context';
import { createRecord, updateRecord, deleteRecord } from '../core/records';
import { unitOfWork } from '../core/unit';
import { personnel } from '../db/schema';

/* The personnel: operators, technicians and verifiers the forms offer, and their administration. */

export type PersonRecord = typeof personnel.$inferSelect;

type NewPerson = Omit<typeof personnel.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt'>;

export function createPerson(s: ServiceContext, actor: Actor, values: NewPerson): PersonRecord {
  return createRecord(s, actor, personnel, values);
}

/*
 * Personnel and teams as the administrator keeps them. Someone who appears on a document, a
 * team or a login is deactivated, never deleted: the history must keep saying who it was.
 */

interface StoredPerson {
  id: string;
  version: number;
  name: string;
  job_title: string | null;
  phone: string | null;
  email: string | null;
  is_operator: number;
  is_technician: number;
  is_verifier: number;
  active: number;
  teams: string | null;
  login: string | null;
}

const PERSON_SELECT = `SELECT p.id, p.version, p.name, p.job_title, p.phone, p.email, p.is_operator, p.is_technician, p.is_verifier, p.active,
         (SELECT group_concat(t.name, char(31)) FROM team_members m JOIN teams t ON t.id = m.team_id
          WHERE m.person_id = p.id AND m.deleted_at IS NULL AND t.deleted_at IS NULL) AS teams,
         (SELECT u.login FROM users u WHERE u.person_id = p.id AND u.deleted_at IS NULL ORDER BY u.active DESC LIMIT 1) AS login
       FROM personnel p WHERE p.deleted_at IS NULL`;

const toPerson = (r: StoredPerson): PersonRow => ({
  id: r.id,
  version: r.version,
  name: r.name,
  jobTitle: r.job_title,
  phone: r.phone,
  email: r.email,
  isOperator: r.is_operator === 1,
  isTechnician: r.is_technician === 1,
  isVerifier: r.is_verifier === 1,
  active: r.active === 1,
  teams: r.teams ? r.teams.split('\u001f').sort((a, b) => a.localeCompare(b)) : [],
  login: r.login,
});

export function listPersonnel(s: ServiceContext): PersonRow[] {
  return (s.raw.prepare(`${PERSON_SELECT} ORDER BY p.name COLLATE NOCASE`).all() as StoredPerson[]).map(toPerson);
}

function getPerson(s: ServiceContext, id: string): PersonRow {
  const r = s.raw.prepare(`${PERSON_SELECT} AND p.id = ?`).get(id) as StoredPerson | undefined;
  if (!r) throw new ApiError('not_found', 'The person no longer exists.');
  return toPerson(r);
}

export function createPersonAdmin(s: ServiceContext, actor: Actor, input: z.output<typeof personCreateInput>): PersonRow {
  return getPerson(s, createRecord(s, actor, personnel, input).id);
}

export function updatePersonAdmin(s: ServiceContext, actor: Actor, input: z.output<typeof personUpdateInput>): PersonRow {
  const { id, version, ...patch } = input;
  updateRecord(s, actor, personnel, id, version, patch);
  return getPerson(s, id);
}

/** Where a person is referenced, in words for the refusal; empty when nowhere. */
function personReferences(s: ServiceContext, id: string): string[] {
  const n = (sql: string, ...args: string[]) => s.raw.prepare(sql).pluck().get(...args) as number;
  const found: string[] = [];
  const docs = n('SELECT COUNT(*) FROM interventions WHERE taken_by_id = ? OR verifier_id = ?', id, id);
  const work = n('SELECT COUNT(*) FROM intervention_technicians WHERE person_id = ?', id);
  const msgs = n('SELECT COUNT(*) FROM intervention_messages WHERE person_id = ?', id) + n('SELECT COUNT(*) FROM message_mentions WHERE person_id = ?', id);
  const inTeams = n('SELECT COUNT(*) FROM team_members WHERE person_id = ? AND deleted_at IS NULL', id) + n('SELECT COUNT(*) FROM teams WHERE leader_id = ?', id);
  const logins = n('SELECT COUNT(*) FROM users WHERE person_id = ?', id);
  if (docs + work > 0) found.push(`${docs + work} interventions`);
  if (msgs > 0) found.push(`${msgs} messages`);
  if (inTeams > 0) found.push('a team');
  if (logins > 0) found.push('a user');
  return found;
}

export function deletePersonAdmin(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const p = getPerson(s, id);
        const refs = personReferences(s, id);
        if (refs.length > 0) {
          throw new ApiError('validation', `${p.name} is referenced by ${refs.join(', ')}; deactivate the person instead of deleting.`);
        }
        deleteRecord(s, actor, personnel, id, version);
      });
}
