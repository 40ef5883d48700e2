import type { formMethods } from '../../shared/api/contract-form';
import { activeInterventionSeries, clientAssets, searchProducts } from '../catalogue/form-lookups';
import type { Handlers } from './dispatcher';

/** The handlers of contract-form.ts (one section, one owner). */
export const formHandlers: Pick<Handlers, keyof typeof formMethods> = {
  'catalogue.products.search': ({ query, limit }, { app }) => searchProducts(app.ctx, query, limit),
  'clients.assets': ({ clientId }, { app }) => clientAssets(app.ctx, clientId),
  'interventions.series': (_input, { app }) => activeInterventionSeries(app.ctx),
};
