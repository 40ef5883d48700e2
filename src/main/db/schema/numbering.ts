import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
