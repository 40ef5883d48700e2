import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * Columns every replicated row carries (DESIGN.md, Data). The id is a UUIDv7 made on the
 * device, so offline workstations never collide; version counts accepted writes and is the
 * base a later sync compares against; deleted_at is a tombstone, because a deleted row must
 * still travel to the other workstations.
 */
export const replicated = {
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  version: integer('version').notNull().default(1),
  deletedAt: integer('deleted_at'),
};

/** Booleans are stored as 0/1 integers (SQLite has no boolean type, STRICT tables check it). */
export const flag = (name: string) => integer(name, { mode: 'boolean' });
