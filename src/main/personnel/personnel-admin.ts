import type { z } from 'zod';
import { personnel, teamMembers, teams } from '../db/schema/index';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import { teamMemberIds } from './personnel';
import type { Actor, ServiceContext } from '../core/context';
import type { PersonRow, TeamRow, personCreateInput, personUpdateInput, teamCreateInput, teamUpdateInput } from '../../shared/api/personnel';
import { unitOfWork } from '../core/unit';

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

// ---- teams ----

interface StoredTeam {
  id: string;
  version: number;
  name: string;
  leader_id: string | null;
  active: number;
}

function toTeam(s: ServiceContext, r: StoredTeam): TeamRow {
  return { id: r.id, version: r.version, name: r.name, leaderId: r.leader_id, active: r.active === 1, memberIds: teamMemberIds(s, r.id) };
}

export function listTeams(s: ServiceContext): TeamRow[] {
  const rows = s.raw.prepare('SELECT id, version, name, leader_id, active FROM teams WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE').all() as StoredTeam[];
  return rows.map((r) => toTeam(s, r));
}

function getTeam(s: ServiceContext, id: string): TeamRow {
  const r = s.raw.prepare('SELECT id, version, name, leader_id, active FROM teams WHERE deleted_at IS NULL AND id = ?').get(id) as StoredTeam | undefined;
  if (!r) throw new ApiError('not_found', 'The team no longer exists.');
  return toTeam(s, r);
}

/**
 * Members must be live personnel; someone newly added must be active (an inactive member who is
 * already on the team may stay, so deactivating a person does not rewrite their teams). The
 * leader is one of the members.
 */
function checkTeam(s: ServiceContext, name: string, leaderId: string | null, memberIds: string[], exceptId: string | null, current: string[]): void {
  const issues: FieldIssue[] = [];
  // The unique index on the name covers deleted teams too.
  const same = s.raw.prepare('SELECT deleted_at FROM teams WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, exceptId ?? '') as { deleted_at: number | null } | undefined;
  if (same) issues.push({ path: 'name', message: same.deleted_at === null ? 'another team has this name' : 'a deleted team had this name; choose another' });
  const get = s.raw.prepare('SELECT name, active FROM personnel WHERE id = ? AND deleted_at IS NULL');
  for (const pid of memberIds) {
    const p = get.get(pid) as { name: string; active: number } | undefined;
    if (!p) issues.push({ path: 'memberIds', message: 'a member no longer exists' });
    else if (p.active !== 1 && !current.includes(pid)) issues.push({ path: 'memberIds', message: `${p.name} is inactive` });
  }
  if (leaderId && !memberIds.includes(leaderId)) issues.push({ path: 'leaderId', message: 'the leader must be one of the members' });
  if (issues.length > 0) throw new ApiError('validation', issues.length === 1 ? `The team cannot be saved: ${issues[0]?.message}.` : 'Some fields of the team are not valid.', issues);
}

function setMembers(s: ServiceContext, actor: Actor, teamId: string, memberIds: string[]): void {
  const wanted = new Set(memberIds);
  const live = s.raw.prepare('SELECT id, version, person_id FROM team_members WHERE team_id = ? AND deleted_at IS NULL').all(teamId) as { id: string; version: number; person_id: string }[];
  for (const m of live) if (!wanted.has(m.person_id)) deleteRecord(s, actor, teamMembers, m.id, m.version);
  const have = new Set(live.map((m) => m.person_id));
  for (const pid of wanted) if (!have.has(pid)) createRecord(s, actor, teamMembers, { teamId, personId: pid });
}

export function createTeamAdmin(s: ServiceContext, actor: Actor, input: z.output<typeof teamCreateInput>): TeamRow {
  return unitOfWork(s, actor, () => {
      checkTeam(s, input.name, input.leaderId, input.memberIds, null, []);
      const team = createRecord(s, actor, teams, { name: input.name, leaderId: input.leaderId, active: input.active });
      setMembers(s, actor, team.id, input.memberIds);
      return getTeam(s, team.id);
    });
}

export function updateTeamAdmin(s: ServiceContext, actor: Actor, input: z.output<typeof teamUpdateInput>): TeamRow {
  return unitOfWork(s, actor, () => {
      const current = getTeam(s, input.id);
      checkTeam(s, input.name, input.leaderId, input.memberIds, input.id, current.memberIds);
      updateRecord(s, actor, teams, input.id, input.version, { name: input.name, leaderId: input.leaderId, active: input.active });
      setMembers(s, actor, input.id, input.memberIds);
      return getTeam(s, input.id);
    });
}

export function deleteTeamAdmin(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const team = getTeam(s, id);
        const docs = s.raw.prepare('SELECT COUNT(*) FROM interventions WHERE team_id = ?').pluck().get(id) as number;
        const types = s.raw.prepare('SELECT COUNT(*) FROM request_types WHERE responsible_team_id = ? AND deleted_at IS NULL').pluck().get(id) as number;
        if (docs + types > 0) {
          const what = [docs > 0 ? `${docs} interventions` : '', types > 0 ? `${types} request types` : ''].filter(Boolean).join(' and ');
          throw new ApiError('validation', `The team ${team.name} is referenced by ${what}; deactivate it instead of deleting.`);
        }
        const members = s.raw.prepare('SELECT id, version FROM team_members WHERE team_id = ? AND deleted_at IS NULL').all(id) as { id: string; version: number }[];
        for (const m of members) deleteRecord(s, actor, teamMembers, m.id, m.version);
        deleteRecord(s, actor, teams, id, version);
      });
}
