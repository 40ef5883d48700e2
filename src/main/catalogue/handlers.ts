import type { catalogueMethods } from '../../shared/api/catalogue';
import type { HandlerMap } from '../core/handler';
import { clientAssets, searchProducts } from './queries';

/** The handlers of shared/api/catalogue.ts. */
export const catalogueHandlers: HandlerMap<keyof typeof catalogueMethods> = {
  'catalogue.products.search': ({ query, limit }, { ctx }) => searchProducts(ctx, query, limit),
  'clients.assets': ({ clientId }, { ctx }) => clientAssets(ctx, clientId),
};
