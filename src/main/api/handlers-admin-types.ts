import type { adminTypesMethods } from '../../shared/api/contract-admin-types';
import type { Handlers } from './dispatcher';
import { deleteRequestType, listRequestTypesAdmin, moveRequestType, requestTypeUsage, saveRequestType } from '../request-types/request-types-admin';
import { deleteExtraField, listExtraFieldsAdmin, reorderExtraFields, saveExtraField } from '../request-types/extra-field-definitions';
import { deleteTemplate, listTemplates, reorderTemplates, saveTemplate } from '../request-types/templates';

/** The handlers of contract-admin-types.ts (one section, one owner). Rights are checked by the dispatcher from the contract. */
export const adminTypesHandlers: Pick<Handlers, keyof typeof adminTypesMethods> = {
  'admin.requestTypes.list': (_input, { app }) => listRequestTypesAdmin(app.ctx),
  'admin.requestTypes.usage': ({ id }, { app }) => requestTypeUsage(app.ctx, id),
  'admin.requestTypes.save': (input, { app, actor }) => saveRequestType(app.ctx, actor, input),
  'admin.requestTypes.move': (input, { app, actor }) => moveRequestType(app.ctx, actor, input),
  'admin.requestTypes.delete': ({ id, version }, { app, actor }) => {
    deleteRequestType(app.ctx, actor, id, version);
    return null;
  },
  'admin.extraFields.list': ({ requestTypeId }, { app }) => listExtraFieldsAdmin(app.ctx, requestTypeId),
  'admin.extraFields.save': (input, { app, actor }) => saveExtraField(app.ctx, actor, input),
  'admin.extraFields.reorder': ({ requestTypeId, order }, { app, actor }) => reorderExtraFields(app.ctx, actor, requestTypeId, order),
  'admin.extraFields.delete': ({ id, version }, { app, actor }) => {
    deleteExtraField(app.ctx, actor, id, version);
    return null;
  },
  'admin.templates.list': ({ requestTypeId }, { app }) => listTemplates(app.ctx, requestTypeId),
  'admin.templates.save': (input, { app, actor }) => saveTemplate(app.ctx, actor, input),
  'admin.templates.reorder': ({ requestTypeId, order }, { app, actor }) => reorderTemplates(app.ctx, actor, requestTypeId, order),
  'admin.templates.delete': ({ id, version }, { app, actor }) => {
    deleteTemplate(app.ctx, actor, id, version);
    return null;
  },
};
