import type { auditMethods } from '../../shared/api/audit';
import { viewer, type HandlerMap } from '../core/handler';
import { interventionHistory } from './queries';

/** The handlers of shared/api/audit.ts. */
export const auditHandlers: HandlerMap<keyof typeof auditMethods> = {
  'interventions.history': ({ id }, { ctx, me }) => interventionHistory(ctx, id, viewer(me).language),
};
