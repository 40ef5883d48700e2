import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { teams } from './people';

/**
 * The request-type hierarchy. Levels 1-3 are what users call Classification 1/2/3; depth is
 * stored so grouping by a level needs no recursive query.
 */
export const requestTypes = sqliteTable(
  'request_types',
  {
    ...replicated,
    parentId: text('parent_id'),
    depth: integer('depth').notNull().default(1),
    code: text('code').notNull(),
    sequence: integer('sequence').notNull().default(0),
    active: flag('active').notNull().default(true),
    nameEn: text('name_en').notNull(),
    nameRo: text('name_ro').notNull(),
    namePtBr: text('name_pt_br').notNull(),
    nameCa: text('name_ca').notNull(),
    description: text('description'),
    responsibleTeamId: text('responsible_team_id').references(() => teams.id),
    onPortal: flag('on_portal').notNull().default(false),
    /** Calls about interventions of this type (or of a type under it) are recorded. */
    recordCalls: flag('record_calls').notNull().default(false),
    /** The client's contact is mailed about interventions of this type (or of a type under it): visit confirmed, moved, cancelled, done. */
    mailClient: flag('mail_client').notNull().default(false),
    defaultPriority: integer('default_priority').notNull().default(2),
  },
  (t) => [uniqueIndex('request_types_code').on(t.code), index('request_types_parent').on(t.parentId, t.sequence)],
);
