import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { clients, contactPersons } from './clients';
import { requestTypes } from './request-types';
import { personnel, teams } from './people';
import { products, clientAssets } from './catalogue';
import { series } from './numbering';
import { INTERVENTION_STATUSES, SOURCE_CHANNELS, TECHNICIAN_ANSWERS } from '../../../shared/domain/intervention';

export const interventions = sqliteTable(
  'interventions',
  {
    ...replicated,
    seriesId: text('series_id').references(() => series.id),
    /** Null until the document is validated: the number comes from the series then. */
    number: integer('number'),
    docDate: text('doc_date').notNull(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    contactPersonId: text('contact_person_id').references(() => contactPersons.id),
    requestTypeId: text('request_type_id').references(() => requestTypes.id),
    /** Ancestors of the request type at levels 1-3, kept so grouping needs no tree walk. */
    class1Id: text('class1_id').references(() => requestTypes.id),
    class2Id: text('class2_id').references(() => requestTypes.id),
    class3Id: text('class3_id').references(() => requestTypes.id),
    /** 1 low, 2 medium, 3 high: an integer so that sorting follows urgency. */
    priority: integer('priority').notNull().default(2),
    confirmed: flag('confirmed').notNull().default(false),
    objectKind: text('object_kind', { enum: ['text', 'product', 'asset'] }).notNull().default('text'),
    objectText: text('object_text'),
    productId: text('product_id').references(() => products.id),
    assetId: text('asset_id').references(() => clientAssets.id),
    serialLot: text('serial_lot'),
    verifierId: text('verifier_id').references(() => personnel.id),
    takenById: text('taken_by_id').references(() => personnel.id),
    teamId: text('team_id').references(() => teams.id),
    plannedStart: integer('planned_start'),
    plannedEnd: integer('planned_end'),
    /** Derived by the status machine from the other facts; stored for indexing. */
    status: text('status', { enum: INTERVENTION_STATUSES }).notNull().default('taken'),
    finalizedAt: integer('finalized_at'),
    resolution: text('resolution'),
    cancelledAt: integer('cancelled_at'),
    cancelReason: text('cancel_reason'),
    valid: flag('valid').notNull().default(false),
    notes: text('notes'),
    /** Made by a service contract for one occurrence (main/contracts/generator.ts). */
    contractId: text('contract_id'),
    /** The occurrence's day (YYYY-MM-DD): with the contract, the key that makes it once. */
    contractOccurrence: text('contract_occurrence'),
    estimate: text('estimate'),
    vehicle: text('vehicle'),
    source: text('source', { enum: SOURCE_CHANNELS }).notNull().default('phone'),
    /**
     * Whether the client's contact is mailed about this intervention: NULL follows the request
     * type (mail/outbox.ts walks its ancestors), true or false is this intervention's own choice.
     */
    mailClient: flag('mail_client'),
    /** We wrote, or assigned technicians, and wait for an answer ("awaiting reply" view). */
    awaitingReply: flag('awaiting_reply').notNull().default(false),
    /**
     * The client's name as it sorts (grid/client-sort.ts: no accents, no case), kept by the write
     * path on this workstation, never replicated: sorting by client walks its index like any sort.
     */
    clientSort: text('client_sort'),
    /**
     * The person ids of its live technicians, comma-separated ('' for none; NULL until filled),
     * kept like client_sort and never replicated: the calendar reads a range's technicians and
     * double bookings from the interventions it walks, without a probe per intervention.
     */
    technicianIds: text('technician_ids'),
    /** JSON object: the request type's extra fields, value by field id (request_type_fields). */
    extra: text('extra').notNull().default('{}'),
  },
  // Partial indexes over live rows: the grid always filters deleted_at IS NULL, and with it in
  // the index predicate counts and sorts are answered from the index alone (measured 25 ms
  // against 300 ms for a count over 1M rows). rowid is the implicit last column of each.
  (t) => [
    uniqueIndex('interventions_series_number').on(t.seriesId, t.number),
    ...(
      [
        ['doc_date', t.docDate],
        ['client', t.clientId, t.docDate],
        ['status', t.status, t.priority],
        ['priority', t.priority],
        ['planned_start', t.plannedStart],
        ['planned_end', t.plannedEnd],
        ['taken_by', t.takenById],
        ['verifier', t.verifierId],
        ['class1', t.class1Id],
        ['class2', t.class2Id],
        ['class3', t.class3Id],
        ['number', t.number],
        ['client_sort', t.clientSort],
        // Status then client, the grouping operators use most: a status's client groups are
        // read from this index in their order (1.5 s by client_id and a sort, measured at 900,000).
        ['status_client', t.status, t.clientSort, t.clientId],
      ] as const
    ).map(([name, first, ...rest]) =>
      index(`interventions_${name}`)
        .on(first, ...rest)
        .where(sql`deleted_at IS NULL`),
    ),
    // Tombstones included: an occurrence a dispatcher deleted is not made again.
    uniqueIndex('interventions_contract_occurrence').on(t.contractId, t.contractOccurrence).where(sql`contract_id IS NOT NULL`),
    // Empty once every row has its list: lets the start-up check for unfilled rows skip the scan.
    index('interventions_technician_ids_unfilled').on(t.id).where(sql`technician_ids IS NULL`),
    index('interventions_awaiting_reply').on(t.awaitingReply).where(sql`awaiting_reply = 1 AND deleted_at IS NULL`),
  ],
);

/** Each technician on an intervention answers for themself: accept or reject with a reason. */
export const interventionTechnicians = sqliteTable(
  'intervention_technicians',
  {
    ...replicated,
    interventionId: text('intervention_id')
      .notNull()
      .references(() => interventions.id),
    personId: text('person_id')
      .notNull()
      .references(() => personnel.id),
    answer: text('answer', { enum: TECHNICIAN_ANSWERS }).notNull().default('pending'),
    reason: text('reason'),
    answeredAt: integer('answered_at'),
  },
  (t) => [
    // Unique among live rows only: a technician taken off (tombstone) may be put back on.
    uniqueIndex('intervention_technicians_pair').on(t.interventionId, t.personId).where(sql`deleted_at IS NULL`),
    index('intervention_technicians_person').on(t.personId),
    // Every row of one intervention, tombstones included (its History tab and evolution sheet):
    // the live-pair index above cannot answer that, and without this the table is scanned.
    index('intervention_technicians_intervention').on(t.interventionId),
  ],
);
