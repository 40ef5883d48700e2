import type { numberingMethods } from '../../shared/api/numbering';
import type { HandlerMap } from '../core/handler';
import { activeInterventionSeries } from './series';
import { createSeries, listSeries, updateSeries } from './series';
import { createPeriod, deletePeriod, listPeriods, updatePeriod } from './working-periods';

/** The handlers of shared/api/numbering.ts. */
export const numberingHandlers: HandlerMap<keyof typeof numberingMethods> = {
  'admin.series.list': (_input, { ctx }) => listSeries(ctx),
  'admin.series.create': (input, { ctx, actor }) => createSeries(ctx, actor, input),
  'admin.series.update': (input, { ctx, actor }) => updateSeries(ctx, actor, input),
  'admin.periods.list': (_input, { ctx }) => listPeriods(ctx),
  'admin.periods.create': (input, { ctx, actor }) => createPeriod(ctx, actor, input),
  'admin.periods.update': (input, { ctx, actor }) => updatePeriod(ctx, actor, input),
  'admin.periods.delete': ({ id, version }, { ctx, actor }) => deletePeriod(ctx, actor, id, version),
  'interventions.series': (_input, { ctx }) => activeInterventionSeries(ctx),
};
