import { z } from 'zod';
import { def } from './def';
import { read } from './permission';
import type { ExtraFieldDefinition, RequestTypeTemplate } from './extra-field-schemas';
import { id } from './primitives';

/** What the form shows for a request type: its extra fields and its form templates. */
export interface RequestTypeExtras {
  /** Active fields, the type's own and inherited, in form order; labels in every language. */
  fields: ExtraFieldDefinition[];
  /** Form templates, the type's own and inherited. */
  templates: RequestTypeTemplate[];
  /** With an interventionId: the templates with a filled-in copy in its thread; else empty. */
  filledTemplateIds: string[];
}

export const requestTypeExtrasInput = z.object({ requestTypeId: id, interventionId: id.optional() }).strict();

/** Per-request-type extra fields as the intervention form reads them. */
export const extraFieldsMethods = {
  // The form asks as soon as a type is picked, before anything is saved (an unknown type has
  // none), and again when the details come back into view: a file may have filled a template.
  'interventions.extraFields': def<RequestTypeExtras>()(requestTypeExtrasInput, read('interventions')),
};
