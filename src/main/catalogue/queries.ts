import { type ProductOption, type ClientAsset } from '../../shared/api/catalogue';
import { ApiError } from '../../shared/api/result';
import { type ServiceContext } from '../core/context';

/*
 * The catalogue as the intervention form reads it: products (the object of a request) and the
 * products installed at a client. Read-only queries over live rows; deleted and inactive rows
 * are never offered.
 */

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Active products whose code starts with, or whose name contains a word starting with, the query. */
export function searchProducts(s: ServiceContext, query: string | null, limit: number): ProductOption[] {
  const q = query?.trim() ?? '';
  if (!q) {
    return s.raw
      .prepare('SELECT id, code, name, unit FROM products WHERE deleted_at IS NULL AND active = 1 ORDER BY name COLLATE NOCASE, id LIMIT ?')
      .all(limit) as ProductOption[];
  }
  const e = escapeLike(q);
  return s.raw
    .prepare(
      `SELECT id, code, name, unit FROM products
       WHERE deleted_at IS NULL AND active = 1
         AND (code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')
       ORDER BY (code LIKE ? ESCAPE '\\') DESC, name COLLATE NOCASE, id
       LIMIT ?`,
    )
    .all(`${e}%`, `${e}%`, `% ${e}%`, `${e}%`, limit) as ProductOption[];
}

/** The products installed at a client, newest invoice first; an unknown client is an error, not an empty list. */
export function clientAssets(s: ServiceContext, clientId: string): ClientAsset[] {
  if (!s.raw.prepare('SELECT 1 FROM clients WHERE id = ? AND deleted_at IS NULL').get(clientId)) {
    throw new ApiError('not_found', 'The client does not exist.');
  }
  return s.raw
    .prepare(
      `SELECT a.id, a.product_id AS productId, p.code AS productCode, p.name AS productName, a.serial, a.lot,
              a.invoice_number AS invoiceNumber, a.invoice_date AS invoiceDate
       FROM client_assets a JOIN products p ON p.id = a.product_id
       WHERE a.client_id = ? AND a.deleted_at IS NULL
       ORDER BY a.invoice_date DESC, p.name COLLATE NOCASE, a.id
       LIMIT 500`,
    )
    .all(clientId) as ClientAsset[];
}
