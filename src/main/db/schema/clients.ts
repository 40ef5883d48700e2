import { sql } from 'drizzle-orm';
import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { replicated } from './replicated';

export const clients = sqliteTable(
  'clients',
  {
    ...replicated,
    kind: text('kind', { enum: ['company', 'person'] }).notNull(),
    name: text('name').notNull(),
    fiscalCode: text('fiscal_code'),
    address: text('address'),
    locality: text('locality'),
    county: text('county'),
    /** ISO 3166-1 alpha-2; decides which fiscal-code and phone rules apply. */
    country: text('country').notNull(),
    commercialZone: text('commercial_zone'),
    /** E.164, so a caller's number matches whatever way it was typed. */
    phone: text('phone'),
    workPhone: text('work_phone'),
    email: text('email'),
    notes: text('notes'),
  },
  (t) => [
    index('clients_name').on(t.name),
    index('clients_fiscal_code').on(t.fiscalCode),
    index('clients_phone').on(t.phone),
    index('clients_work_phone').on(t.workPhone),
    // A mail's sender finds their client (the Inbox's suggestions), whatever the case typed.
    index('clients_email').on(sql`lower(${t.email})`).where(sql`${t.email} IS NOT NULL`),
  ],
);

export const contactPersons = sqliteTable(
  'contact_persons',
  {
    ...replicated,
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    name: text('name').notNull(),
    jobFunction: text('job_function'),
    role: text('role'),
    phone: text('phone'),
    email: text('email'),
    preferredContact: text('preferred_contact', { enum: ['phone', 'email', 'sms', 'any'] })
      .notNull()
      .default('any'),
  },
  (t) => [
    index('contact_persons_client').on(t.clientId),
    index('contact_persons_phone').on(t.phone),
    index('contact_persons_email').on(sql`lower(${t.email})`).where(sql`${t.email} IS NOT NULL`),
  ],
);
