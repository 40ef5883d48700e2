import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { type TeamRow, type teamCreateInput, type teamUpdateInput } from '../../shared/api/personnel';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import { type ServiceContext, type Actor } from '../core/context';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import { unitOfWork } from '../core/unit';
import { teams, teamMembers } from '../db/schema';

/* Teams: a name, a leader and members; their administration. A team and its members are written together. */

export type TeamRecord = typeof teams.$inferSelect;

/** A team and its members in one transaction: a team is never seen half made. */
export function createTeam(s: ServiceContext, actor: Actor, name: string, memberIds: string[], leaderId: string | null = null): TeamRecord {
  return unitOfWork(s, actor, () => {
      const team = createRecord(s, actor, teams, { name, leaderId });
      for (const personId of new Set(memberIds)) createRecord(s, actor, teamMembers, { teamId: team.id, personId });
      return team;
    });
}

export function teamMemberIds(s: ServiceContext, teamId: string): string[] {
  return s.db
    .select({ id: teamMembers.personId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.deletedAt)))
    .all()
    .map((r) => r.id);
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
