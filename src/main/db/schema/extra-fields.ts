import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { requestTypes } from './request-types';
import { attachments } from './messages';
import { EXTRA_FIELD_KINDS, TEMPLATE_MODES } from '../../../shared/domain/extra-fields';

/**
 * An extra field an admin defines on a request type (and so on its descendants). Values live in
 * interventions.extra, keyed by this row's id, so renaming a field never loses data.
 */
export const requestTypeFields = sqliteTable(
  'request_type_fields',
  {
    ...replicated,
    requestTypeId: text('request_type_id')
      .notNull()
      .references(() => requestTypes.id),
    sequence: integer('sequence').notNull().default(0),
    kind: text('kind', { enum: EXTRA_FIELD_KINDS }).notNull(),
    labelEn: text('label_en').notNull(),
    labelRo: text('label_ro').notNull(),
    labelPtBr: text('label_pt_br').notNull(),
    labelCa: text('label_ca').notNull(),
    /** JSON array of the choices of a 'choice' field (strings); '[]' for other kinds. */
    options: text('options').notNull().default('[]'),
    /** JSON object status → 'hidden' | 'readonly' | 'optional' | 'required'; absent = optional. */
    states: text('states').notNull().default('{}'),
    active: flag('active').notNull().default(true),
  },
  (t) => [index('request_type_fields_type').on(t.requestTypeId, t.sequence)],
);

/**
 * A form template (a checklist, a handover sheet) attached to a request type. A mandatory one
 * must come back filled in (a file in the thread marked as that template) before finalizing.
 */
export const requestTypeTemplates = sqliteTable(
  'request_type_templates',
  {
    ...replicated,
    requestTypeId: text('request_type_id')
      .notNull()
      .references(() => requestTypes.id),
    name: text('name').notNull(),
    attachmentId: text('attachment_id')
      .notNull()
      .references(() => attachments.id),
    mode: text('mode', { enum: TEMPLATE_MODES }).notNull().default('optional'),
    sequence: integer('sequence').notNull().default(0),
  },
  (t) => [index('request_type_templates_type').on(t.requestTypeId, t.sequence)],
);
