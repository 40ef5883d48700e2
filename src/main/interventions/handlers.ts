import type { interventionsMethods } from '../../shared/api/interventions';
import { user, type HandlerMap } from '../core/handler';
import { evolutionSheet } from './evolution-sheet';
import { fieldsForType } from '../request-types/extra-field-definitions';
import { templatesForType } from '../request-types/templates';
import { filledTemplateIds } from '../thread/messages';
import { cancelIntervention, deleteIntervention, finalizeIntervention } from "./commands";
import { answerAsTechnician, createFromForm, setTechnicians, updateFromForm, validateIntervention } from "./commands";
import { getDetail } from "./queries";
import { requireInScope } from './scope';
import { unitOfWork } from '../core/unit';
import { interventionLookups } from "./queries";

/** The handlers of shared/api/interventions.ts. */
export const interventionsHandlers: HandlerMap<keyof typeof interventionsMethods> = {
  'interventions.lookups': (_input, { ctx, me }) => interventionLookups(ctx, user(me).language),
  'interventions.delete': ({ id, version }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), id);
    deleteIntervention(ctx, actor, id, version);
  },
  'interventions.cancel': ({ id, version, reason }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), id);
    cancelIntervention(ctx, actor, id, version, reason);
    return getDetail(ctx, id, user(me).language);
  },
  'interventions.get': ({ id }, { ctx, me }) => getDetail(ctx, id, user(me).language),
  'interventions.create': (input, { ctx, me, actor }) => {
    // Made and checked in one unit: one the user could not change afterwards is not made at all.
    const made = unitOfWork(ctx, actor, () => {
      const row = createFromForm(ctx, actor, input);
      requireInScope(ctx, user(me), row.id);
      return row;
    });
    return getDetail(ctx, made.id, user(me).language);
  },
  'interventions.update': ({ id, version, patch, technicianIds }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), id);
    updateFromForm(ctx, actor, id, version, patch, technicianIds);
    return getDetail(ctx, id, user(me).language);
  },
  'interventions.validate': ({ id, version }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), id);
    validateIntervention(ctx, actor, id, version);
    return getDetail(ctx, id, user(me).language);
  },
  'interventions.assignTechnicians': ({ id, version, personIds }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), id);
    setTechnicians(ctx, actor, id, version, personIds);
    return getDetail(ctx, id, user(me).language);
  },
  'interventions.answer': ({ id, answer, reason }, { ctx, me, actor }) => {
    answerAsTechnician(ctx, actor, user(me).personId, id, answer, reason);
    return getDetail(ctx, id, user(me).language);
  },
  'interventions.extraFields': ({ requestTypeId, interventionId }, { ctx }) => ({
    fields: fieldsForType(ctx, requestTypeId),
    templates: templatesForType(ctx, requestTypeId),
    filledTemplateIds: interventionId ? filledTemplateIds(ctx, interventionId) : [],
  }),
  'interventions.sheet': ({ id }, { ctx, me }) => evolutionSheet(ctx, id, user(me).language),
  'interventions.finalize': ({ id, version, resolution }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), id);
    finalizeIntervention(ctx, actor, id, version, resolution);
    return getDetail(ctx, id, user(me).language);
  },
};
