import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { users } from './users';

/** A user's saved layout of a list window: columns, grouping, filters and sort, under a name. */
export const savedViews = sqliteTable(
  'saved_views',
  {
    ...replicated,
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** Which window the view belongs to ('interventions' now; clients, calls… later). */
    module: text('module').notNull(),
    name: text('name').notNull(),
    /** JSON, validated by the module's view schema when read and written. */
    definition: text('definition').notNull(),
    isDefault: flag('is_default').notNull().default(false),
  },
  (t) => [index('saved_views_user').on(t.userId, t.module)],
);
