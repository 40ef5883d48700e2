import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { clients, contactPersons } from './clients';
import { clientAssets } from './catalogue';
import { requestTypes } from './request-types';
import { teams } from './people';

/**
 * A service contract ("service schedule"): recurring work for a client, by an RRULE. The
 * contract generator (main/contracts/generator.ts) makes each occurrence's intervention `leadDays`
 * before it, once: the intervention's id and its (contract_id, contract_occurrence) pair are the
 * occurrence's key. Dates are calendar days (YYYY-MM-DD) and the visit a wall-clock time, read in
 * the workstation's zone when an occurrence is planned.
 */
export const serviceContracts = sqliteTable(
  'service_contracts',
  {
    ...replicated,
    name: text('name').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    contactPersonId: text('contact_person_id').references(() => contactPersons.id),
    assetId: text('asset_id').references(() => clientAssets.id),
    /** What is serviced when it is not one of the client's assets. */
    objectText: text('object_text'),
    requestTypeId: text('request_type_id')
      .notNull()
      .references(() => requestTypes.id),
    teamId: text('team_id').references(() => teams.id),
    priority: integer('priority').notNull().default(2),
    /** An RFC 5545 RRULE without DTSTART (the start date is its own column). */
    rule: text('rule').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    /** HH:MM on the occurrence's day. */
    visitTime: text('visit_time').notNull().default('09:00'),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    leadDays: integer('lead_days').notNull().default(7),
    active: flag('active').notNull().default(true),
    /**
     * The first occurrence the generator owes: the later of the start and the day the contract
     * was made (or resumed): a contract entered today does not make last year's visits, and a
     * paused one does not make the visits of its pause when it resumes.
     */
    generateFrom: text('generate_from').notNull(),
    notes: text('notes'),
  },
  (t) => [index('service_contracts_client').on(t.clientId)],
);
