import { sql } from 'drizzle-orm';
import { sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';

/** Everyone who takes, carries out or verifies interventions. */
export const personnel = sqliteTable(
  'personnel',
  {
    ...replicated,
    name: text('name').notNull(),
    jobTitle: text('job_title'),
    email: text('email'),
    phone: text('phone'),
    isOperator: flag('is_operator').notNull().default(false),
    isTechnician: flag('is_technician').notNull().default(false),
    isVerifier: flag('is_verifier').notNull().default(false),
    active: flag('active').notNull().default(true),
  },
  (t) => [index('personnel_name').on(t.name)],
);

export const teams = sqliteTable(
  'teams',
  {
    ...replicated,
    name: text('name').notNull(),
    leaderId: text('leader_id').references(() => personnel.id),
    active: flag('active').notNull().default(true),
  },
  (t) => [uniqueIndex('teams_name').on(t.name)],
);

export const teamMembers = sqliteTable(
  'team_members',
  {
    ...replicated,
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    personId: text('person_id')
      .notNull()
      .references(() => personnel.id),
  },
  // Unique among live rows only: someone who left a team (tombstone) may join it again.
  (t) => [uniqueIndex('team_members_pair').on(t.teamId, t.personId).where(sql`deleted_at IS NULL`), index('team_members_person').on(t.personId)],
);
