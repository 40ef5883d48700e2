import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { personnel } from './people';

export const users = sqliteTable(
  'users',
  {
    ...replicated,
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['operator', 'supervisor', 'technician', 'admin'] }).notNull(),
    /** JSON object module -> 'none' | 'read' | 'write'; overrides the role's defaults. */
    rights: text('rights').notNull().default('{}'),
    language: text('language').notNull().default('en'),
    personId: text('person_id').references(() => personnel.id),
    active: flag('active').notNull().default(true),
    /** "Session locked for changes": the user may read but not write anywhere. */
    sessionLocked: flag('session_locked').notNull().default(false),
    /** JSON array of what the user pinned to My page: { module, view, name } (a bare module name in older rows). */
    favourites: text('favourites').notNull().default('[]'),
    /**
     * Messages up to this moment count as read for the user (unread ones are newer than this and
     * than the account): set when unread marks came to an existing database, and by the demo.
     */
    readsSince: integer('reads_since'),
    /** The screen shown after login: My page, or the first module the user may open. */
    startPage: text('start_page', { enum: ['home', 'module'] }).notNull().default('module'),
    /** Which interventions the user may change: their own, their teams', or all; null is the role's default. */
    scope: text('scope', { enum: ['own', 'team', 'all'] }),
  },
  (t) => [uniqueIndex('users_login').on(t.login)],
);

/** Login sessions are local to the workstation and never replicated. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    transport: text('transport', { enum: ['ipc', 'http'] }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
