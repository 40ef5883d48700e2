import type { requestTypesMethods } from '../../shared/api/request-types';
import type { HandlerMap } from '../core/handler';
import { deleteExtraField, listExtraFieldsAdmin, reorderExtraFields, saveExtraField } from './extra-field-definitions';
import { deleteTemplate, listTemplates, reorderTemplates, saveTemplate } from './templates';
import { deleteRequestType, listRequestTypesAdmin, moveRequestType, requestTypeUsage, saveRequestType } from "./hierarchy";

/** The handlers of shared/api/request-types.ts. */
export const requestTypesHandlers: HandlerMap<keyof typeof requestTypesMethods> = {
  'admin.requestTypes.list': (_input, { ctx }) => listRequestTypesAdmin(ctx),
  'admin.requestTypes.usage': ({ id }, { ctx }) => requestTypeUsage(ctx, id),
  'admin.requestTypes.save': (input, { ctx, actor }) => saveRequestType(ctx, actor, input),
  'admin.requestTypes.move': (input, { ctx, actor }) => moveRequestType(ctx, actor, input),
  'admin.requestTypes.delete': ({ id, version }, { ctx, actor }) => deleteRequestType(ctx, actor, id, version),
  'admin.extraFields.list': ({ requestTypeId }, { ctx }) => listExtraFieldsAdmin(ctx, requestTypeId),
  'admin.extraFields.save': (input, { ctx, actor }) => saveExtraField(ctx, actor, input),
  'admin.extraFields.reorder': ({ requestTypeId, order }, { ctx, actor }) => reorderExtraFields(ctx, actor, requestTypeId, order),
  'admin.extraFields.delete': ({ id, version }, { ctx, actor }) => deleteExtraField(ctx, actor, id, version),
  'admin.templates.list': ({ requestTypeId }, { ctx }) => listTemplates(ctx, requestTypeId),
  'admin.templates.save': (input, { ctx, actor }) => saveTemplate(ctx, actor, input),
  'admin.templates.reorder': ({ requestTypeId, order }, { ctx, actor }) => reorderTemplates(ctx, actor, requestTypeId, order),
  'admin.templates.delete': ({ id, version }, { ctx, actor }) => deleteTemplate(ctx, actor, id, version),
};
