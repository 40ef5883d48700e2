import type { extraFieldsMethods } from '../../shared/api/contract-extra-fields';
import { fieldsForType, filledTemplateIds, templatesForType } from '../interventions/extra-values';
import type { Handlers } from './dispatcher';

/** The handlers of contract-extra-fields.ts (one section, one owner). */
export const extraFieldsHandlers: Pick<Handlers, keyof typeof extraFieldsMethods> = {
  'interventions.extraFields': ({ requestTypeId, interventionId }, { app }) => ({
    fields: fieldsForType(app.ctx, requestTypeId),
    templates: templatesForType(app.ctx, requestTypeId),
    filledTemplateIds: interventionId ? filledTemplateIds(app.ctx, interventionId) : [],
  }),
};
