import { sqliteTable, text, integer, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';

/** A document numbering series ("carnet"): numbers are given on validation, never reused. */
export const series = sqliteTable(
  'series',
  {
    ...replicated,
    docType: text('doc_type', { enum: ['intervention', 'register'] }).notNull(),
    prefix: text('prefix').notNull(),
    nextNumber: integer('next_number').notNull().default(1),
    endNumber: integer('end_number').notNull(),
    active: flag('active').notNull().default(true),
  },
  (t) => [uniqueIndex('series_type_prefix').on(t.docType, t.prefix)],
);

/** Document dates must fall inside an open working period. Dates are ISO yyyy-mm-dd. */
export const workingPeriods = sqliteTable('working_periods', {
  ...replicated,
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  open: flag('open').notNull().default(true),
});

/**
 * Numbers this workstation reserved from the shared store, per series (never replicated): with a
 * store, documents are numbered from here, online or offline, so two workstations never give the
 * same number (numbering/blocks.ts; the store's cc.reserve_numbers hands the blocks out).
 */
export const numberBlocks = sqliteTable(
  'number_blocks',
  {
    seriesId: text('series_id').notNull(),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    /** The next number to give; past `last` when the block is used up. */
    next: integer('next').notNull(),
    reservedAt: integer('reserved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.first] })],
);
