import { z } from 'zod';
import { def } from './def';
import { read } from './permission';
import { id, optionalText } from './primitives';

/* The catalogue: products, and the products installed at clients (assets). */

/** A catalogue product, as the object picker offers it. */
export interface ProductOption {
  id: string;
  code: string;
  name: string;
  unit: string;
}

/** A product installed at a client; choosing it fills the intervention's serial/lot. */
export interface ClientAsset {
  id: string;
  productId: string;
  productCode: string;
  productName: string;
  serial: string | null;
  lot: string | null;
  invoiceNumber: string | null;
  invoiceDate: string | null;
}

const productSearchInput = z
  .object({
    query: optionalText(100),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

const clientAssetsInput = z.object({ clientId: id }).strict();

/** What the intervention form picks as the object of a request. */
export const catalogueMethods = {
  'catalogue.products.search': def<ProductOption[]>()(productSearchInput, read('interventions')),
  'clients.assets': def<ClientAsset[]>()(clientAssetsInput, read('clients')),
};
