import { and, eq, isNull } from 'drizzle-orm';
import { personnel, teamMembers, teams } from '../db/schema/index';
import { createRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import { unitOfWork } from '../core/unit';

export type PersonRow = typeof personnel.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
type NewPerson = Omit<typeof personnel.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt'>;

export function createPerson(s: ServiceContext, actor: Actor, values: NewPerson): PersonRow {
  return createRecord(s, actor, personnel, values);
}

/** A team and its members in one transaction: a team is never seen half made. */
export function createTeam(s: ServiceContext, actor: Actor, name: string, memberIds: string[], leaderId: string | null = null): TeamRow {
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
