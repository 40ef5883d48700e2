import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import type { ApiErrorBody } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { ClientAsset, ProductOption } from '../../src/shared/api/catalogue';
import type { SeriesOption } from '../../src/shared/api/numbering';
import type { InterventionDetail } from '../../src/shared/api/interventions';

/*
 * The intervention form's lookups (catalogue.products.search, clients.assets,
 * interventions.series) and the series choice on validation, through the real dispatcher.
 */

let d: DemoApp;
let dispatch: Dispatch;
const operator: Caller = { transport: 'ipc', token: null };
const nobody: Caller = { transport: 'ipc', token: null };

const get = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;

async function ok<T>(method: string, input: unknown, caller = operator): Promise<T> {
  const r = await dispatch(caller, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(method: string, input: unknown, caller = operator): Promise<ApiErrorBody> {
  const r = await dispatch(caller, method, input);
  if (r.ok) throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
  return r.error;
}

beforeAll(async () => {
  d = demoApp(50);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  expect((await dispatch(operator, 'auth.login', { login: 'operator', password: 'demo' })).ok).toBe(true);
});
afterAll(() => d.dispose());

describe('catalogue.products.search', () => {
  it('finds active products by code prefix or a word of the name, code matches first', async () => {
    const p = get<{ id: string; code: string; name: string }>('SELECT id, code, name FROM products WHERE active = 1 AND deleted_at IS NULL ORDER BY name LIMIT 1');
    const byCode = await ok<ProductOption[]>('catalogue.products.search', { query: p.code, limit: 10 });
    expect(byCode[0]?.id).toBe(p.id);
    const word = p.name.split(' ').at(-1)!;
    const byWord = await ok<ProductOption[]>('catalogue.products.search', { query: word.slice(0, 3), limit: 50 });
    expect(byWord.map((x) => x.id)).toContain(p.id);
    expect(byWord.every((x) => x.name.toLowerCase().includes(word.slice(0, 3).toLowerCase()) || x.code.toLowerCase().startsWith(word.slice(0, 3).toLowerCase()))).toBe(true);
  });

  it('never offers an inactive product, and LIKE wildcards are plain characters', async () => {
    const p = get<{ id: string; code: string }>('SELECT id, code FROM products WHERE active = 1 ORDER BY code LIMIT 1');
    d.app.ctx.raw.prepare('UPDATE products SET active = 0 WHERE id = ?').run(p.id);
    try {
      const found = await ok<ProductOption[]>('catalogue.products.search', { query: p.code, limit: 50 });
      expect(found.map((x) => x.id)).not.toContain(p.id);
    } finally {
      d.app.ctx.raw.prepare('UPDATE products SET active = 1 WHERE id = ?').run(p.id);
    }
    expect(await ok<ProductOption[]>('catalogue.products.search', { query: '%', limit: 5 })).toEqual([]);
    expect(await ok<ProductOption[]>('catalogue.products.search', { query: '_', limit: 5 })).toEqual([]);
  });

  it('an empty query lists the first products by name; the limit holds', async () => {
    const list = await ok<ProductOption[]>('catalogue.products.search', { query: null, limit: 3 });
    expect(list).toHaveLength(3);
    expect([...list].map((x) => x.name)).toEqual([...list].map((x) => x.name).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('bad input is refused with the field named', async () => {
    expect((await fails('catalogue.products.search', { query: 'x'.repeat(101) })).issues?.[0]?.path).toBe('query');
    expect((await fails('catalogue.products.search', { query: 'a\u0000b' })).code).toBe('validation');
    expect((await fails('catalogue.products.search', { limit: 5000 })).issues?.[0]?.path).toBe('limit');
    expect((await fails('catalogue.products.search', { query: 42 })).code).toBe('validation');
    expect((await fails('catalogue.products.search', { query: 'a', extra: true })).code).toBe('validation');
    // A script tag is only text to search for: nothing matches, nothing breaks.
    expect(await ok<ProductOption[]>('catalogue.products.search', { query: '<script>alert(1)</script>' })).toEqual([]);
  });

  it('needs a login', async () => {
    expect((await fails('catalogue.products.search', {}, nobody)).code).toBe('unauthenticated');
  });
});

describe('clients.assets', () => {
  it('lists the client’s own products with serial and lot, nobody else’s', async () => {
    const c = get<{ client_id: string; n: number }>('SELECT client_id, COUNT(*) AS n FROM client_assets WHERE deleted_at IS NULL GROUP BY client_id ORDER BY n DESC LIMIT 1');
    const list = await ok<ClientAsset[]>('clients.assets', { clientId: c.client_id });
    expect(list).toHaveLength(c.n);
    for (const a of list) {
      const row = get<{ client_id: string; serial: string | null; lot: string | null }>('SELECT client_id, serial, lot FROM client_assets WHERE id = ?', a.id);
      expect(row.client_id).toBe(c.client_id);
      expect([a.serial, a.lot]).toEqual([row.serial, row.lot]);
      expect(a.productName.length).toBeGreaterThan(0);
    }
  });

  it('an unknown client is not found; a deleted asset is gone', async () => {
    expect((await fails('clients.assets', { clientId: 'no-such-client' })).code).toBe('not_found');
    expect((await fails('clients.assets', { clientId: '' })).issues?.[0]?.path).toBe('clientId');
    const a = get<{ id: string; client_id: string }>('SELECT id, client_id FROM client_assets WHERE deleted_at IS NULL LIMIT 1');
    d.app.ctx.raw.prepare('UPDATE client_assets SET deleted_at = 1 WHERE id = ?').run(a.id);
    try {
      expect((await ok<ClientAsset[]>('clients.assets', { clientId: a.client_id })).map((x) => x.id)).not.toContain(a.id);
    } finally {
      d.app.ctx.raw.prepare('UPDATE client_assets SET deleted_at = NULL WHERE id = ?').run(a.id);
    }
  });
});

describe('choosing the series', () => {
  let second: string;
  beforeAll(() => {
    second = 'series-second-test';
    d.app.ctx.raw
      .prepare("INSERT INTO series (id, created_at, updated_at, version, doc_type, prefix, next_number, end_number, active) VALUES (?, 4102444800000, 4102444800000, 1, 'intervention', 'SRV', 500, 999, 1)")
      .run(second);
  });

  const draft = async (extra: Record<string, unknown> = {}) => {
    const clientId = get<{ id: string }>('SELECT id FROM clients WHERE deleted_at IS NULL LIMIT 1').id;
    return ok<InterventionDetail>('interventions.create', { docDate: '2026-11-20', clientId, objectText: 'Series test', ...extra });
  };

  it('lists the active intervention series, the default first', async () => {
    const list = await ok<SeriesOption[]>('interventions.series', {});
    expect(list.map((s) => s.prefix)).toEqual(['INT', 'SRV']);
    expect(list[1]).toMatchObject({ id: second, nextNumber: 500, endNumber: 999 });
  });

  it('validates into the chosen series', async () => {
    const iv = await draft({ seriesId: second });
    const v = await ok<InterventionDetail>('interventions.validate', { id: iv.id, version: iv.version });
    expect(v.fullNumber).toBe('SRV-500');
  });

  it('the choice can change on the draft; an inactive or a register series is refused', async () => {
    const iv = await draft();
    const reg = get<{ id: string }>("SELECT id FROM series WHERE doc_type = 'register'").id;
    const e1 = await fails('interventions.update', { id: iv.id, version: iv.version, patch: { seriesId: reg } });
    expect(e1.issues?.[0]).toMatchObject({ path: 'seriesId', message: 'the series does not exist' });
    d.app.ctx.raw.prepare('UPDATE series SET active = 0 WHERE id = ?').run(second);
    try {
      const e2 = await fails('interventions.update', { id: iv.id, version: iv.version, patch: { seriesId: second } });
      expect(e2.issues?.[0]).toMatchObject({ path: 'seriesId', message: 'the series is no longer in use' });
      expect((await ok<SeriesOption[]>('interventions.series', {})).map((s) => s.id)).not.toContain(second);
    } finally {
      d.app.ctx.raw.prepare('UPDATE series SET active = 1 WHERE id = ?').run(second);
    }
    const moved = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: { seriesId: second } });
    const v = await ok<InterventionDetail>('interventions.validate', { id: moved.id, version: moved.version });
    expect(v.seriesPrefix).toBe('SRV');
  });
});

describe('the object of the request', () => {
  it('a product or one of the client’s assets (which fills serial/lot), checked in main', async () => {
    const a = get<{ id: string; client_id: string; product_id: string; serial: string | null; lot: string | null }>(
      'SELECT id, client_id, product_id, serial, lot FROM client_assets WHERE deleted_at IS NULL AND serial IS NOT NULL LIMIT 1',
    );
    const iv = await ok<InterventionDetail>('interventions.create', { docDate: '2026-11-20', clientId: a.client_id, objectKind: 'asset', assetId: a.id });
    expect(iv).toMatchObject({ objectKind: 'asset', assetId: a.id, productId: a.product_id });
    expect(iv.serialLot).toContain(a.serial);
    const p = get<{ id: string }>('SELECT id FROM products WHERE active = 1 LIMIT 1');
    const asProduct = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: { objectKind: 'product', productId: p.id, assetId: null } });
    expect(asProduct).toMatchObject({ objectKind: 'product', productId: p.id, assetId: null, serialLot: null });
    const other = get<{ id: string }>('SELECT id FROM client_assets WHERE client_id <> ? AND deleted_at IS NULL LIMIT 1', a.client_id);
    const e = await fails('interventions.update', { id: iv.id, version: asProduct.version, patch: { objectKind: 'asset', assetId: other.id, productId: null } });
    expect(e.issues?.[0]).toMatchObject({ path: 'assetId', message: 'the asset belongs to another client' });
  });
});

describe('the request-type picker', () => {
  it('lists the types in tree order: each parent followed by its own branch', async () => {
    const l = await ok<{ requestTypes: { id: string; parentId: string | null; depth: number }[] }>('interventions.lookups', {});
    const types = l.requestTypes;
    expect(types.length).toBeGreaterThan(3);
    expect(types.some((t) => t.depth > 1), 'the demo has sub-types').toBe(true);
    const seen = new Set<string>();
    let parentPath: string[] = [];
    for (const t of types) {
      // A child comes right under its parent or a sibling's branch: its parent is on the current path.
      if (t.parentId !== null) {
        expect(seen.has(t.parentId), 'parent before child').toBe(true);
        expect(parentPath, 'child inside its parent’s branch').toContain(t.parentId);
        parentPath = parentPath.slice(0, parentPath.indexOf(t.parentId) + 1);
      } else parentPath = [];
      parentPath.push(t.id);
      seen.add(t.id);
    }
  });
});
