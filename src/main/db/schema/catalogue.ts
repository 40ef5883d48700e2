import { sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, replicated } from './replicated';
import { clients } from './clients';

export const products = sqliteTable(
  'products',
  {
    ...replicated,
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default('pcs'),
    active: flag('active').notNull().default(true),
  },
  (t) => [uniqueIndex('products_code').on(t.code), index('products_name').on(t.name)],
);

/** A product installed at a client, known by serial or lot and the invoice it came from. */
export const clientAssets = sqliteTable(
  'client_assets',
  {
    ...replicated,
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    serial: text('serial'),
    lot: text('lot'),
    invoiceNumber: text('invoice_number'),
    invoiceDate: text('invoice_date'),
    notes: text('notes'),
  },
  (t) => [index('client_assets_client').on(t.clientId), index('client_assets_serial').on(t.serial)],
);
