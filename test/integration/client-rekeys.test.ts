import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/main/app/open';
import { updateRecord } from '../../src/main/core/records';
import { SYSTEM } from '../../src/main/core/context';
import { clients } from '../../src/main/db/schema';
import { InterventionGrid } from '../../src/main/grid/grid';
import { sortKey } from '../../src/main/grid/client-sort';
import { toMatchQuery } from '../../src/main/grid/search-index';
import type { Viewer } from '../../src/main/grid/where';
import { gridView } from '../../src/shared/grid/query';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * A renamed client's interventions take the new name in the derived data (the search index, the
 * client sort key): the first ones in the rename's own transaction, the rest in turns after it
 * (grid/client-rekeys.ts). Here a turn is three interventions; the demo's largest client has 24.
 */

const CHUNK = 3;
let d: DemoApp | null = null;
const opened: App[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  await d?.dispose();
  d = null;
});

function setUp(): { app: App; client: string; total: number; viewer: Viewer } {
  d = demoApp(400, undefined, undefined, { renameChunk: CHUNK });
  const raw = d.app.ctx.raw;
  const top = raw.prepare('SELECT client_id AS id, count(*) AS n FROM interventions WHERE deleted_at IS NULL GROUP BY client_id ORDER BY n DESC, client_id LIMIT 1').get() as { id: string; n: number };
  const user = raw.prepare("SELECT id, person_id FROM users WHERE login = 'operator'").get() as { id: string; person_id: string };
  return { app: d.app, client: top.id, total: top.n, viewer: { language: 'en', personId: user.person_id, userId: user.id } };
}

function rename(app: App, client: string, name: string): void {
  const version = app.ctx.raw.prepare('SELECT version FROM clients WHERE id = ?').pluck().get(client) as number;
  updateRecord(app.ctx, SYSTEM, clients, client, version, { name });
}

/** How many of the client's interventions the index finds by `name`, and carry its sort key. */
function taken(app: App, client: string, name: string): { found: number; keyed: number } {
  const raw = app.ctx.raw;
  const found = raw
    .prepare('SELECT count(*) FROM interventions WHERE client_id = ? AND rowid IN (SELECT rowid FROM interventions_fts WHERE interventions_fts MATCH ?)')
    .pluck()
    .get(client, toMatchQuery(name)) as number;
  const keyed = raw.prepare('SELECT count(*) FROM interventions WHERE client_id = ? AND deleted_at IS NULL AND client_sort = ?').pluck().get(client, sortKey(name)) as number;
  return { found, keyed };
}

const queued = (app: App) => app.ctx.raw.prepare('SELECT count(*) FROM client_rekeys').pluck().get() as number;

describe("a renamed client's interventions", () => {
  it('take the name in the rename itself up to a turn, the rest in turns after it; the grid follows each turn', async () => {
    const { app, client, total, viewer } = setUp();
    expect(total).toBeGreaterThan(3 * CHUNK);
    const byClient = gridView.parse({ sort: [{ column: 'client', desc: false }] });
    const search = gridView.parse({ filters: { search: 'Quillon Wexford' } });
    const grouped = gridView.parse({ groupBy: ['client'] });
    // The grid's answers are cached before the rename, as an open window's are.
    for (const v of [byClient, search, grouped]) await app.grid.rows(v, [], 0, 500, viewer);
    await app.grid.groups(grouped, [], viewer);
    expect(await app.grid.count(search, [], viewer)).toBe(0);

    rename(app, client, 'Quillon Wexford');
    expect(taken(app, client, 'Quillon Wexford')).toEqual({ found: CHUNK, keyed: CHUNK });
    expect(queued(app)).toBe(1);

    await app.clientRekeys.idle();
    expect(taken(app, client, 'Quillon Wexford')).toEqual({ found: total, keyed: total });
    expect(queued(app)).toBe(0);
    const fresh = new InterventionGrid(app.ctx);
    try {
      for (const v of [byClient, search, grouped]) {
        const [live, want] = [await app.grid.rows(v, [], 0, 500, viewer), await fresh.rows(v, [], 0, 500, viewer)];
        expect(live.rows.map((r) => r.id)).toEqual(want.rows.map((r) => r.id));
        expect(live.total).toBe(want.total);
      }
      expect(await app.grid.count(search, [], viewer)).toBe(total);
      const groups = await app.grid.groups(grouped, [], viewer);
      expect(groups).toEqual(await fresh.groups(grouped, [], viewer));
      expect(groups.filter((g) => g.key === client)).toEqual([expect.objectContaining({ label: 'Quillon Wexford', count: total })]);
    } finally {
      fresh.invalidate();
    }
  });

  it('counted in groups while they take the name: the client is listed once when the last turn is done', async () => {
    const { app, client, total, viewer } = setUp();
    const grouped = gridView.parse({ groupBy: ['client'] });
    app.ctx.writes.hold();
    rename(app, client, 'Quillon Wexford');
    // Counted between turns: the client is grouped under both its keys (by key, then client).
    const meanwhile = await app.grid.groups(grouped, [], viewer);
    expect(meanwhile.filter((g) => g.key === client).map((g) => g.count).sort((a, b) => a - b)).toEqual([CHUNK, total - CHUNK]);
    app.ctx.writes.release();
    await app.clientRekeys.idle();
    const groups = await app.grid.groups(grouped, [], viewer);
    expect(groups.filter((g) => g.key === client)).toEqual([expect.objectContaining({ label: 'Quillon Wexford', count: total })]);
    const fresh = new InterventionGrid(app.ctx);
    expect(groups).toEqual(await fresh.groups(grouped, [], viewer));
    fresh.invalidate();
  });

  it('wait while the index worker holds the file, and a second rename starts the client over', async () => {
    const { app, client, total } = setUp();
    app.ctx.writes.hold();
    rename(app, client, 'Quillon Wexford');
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
    expect(taken(app, client, 'Quillon Wexford')).toEqual({ found: CHUNK, keyed: CHUNK });
    rename(app, client, 'Ábaco Vell');
    app.ctx.writes.release();
    await app.clientRekeys.idle();
    expect(taken(app, client, 'Ábaco Vell')).toEqual({ found: total, keyed: total });
    expect(taken(app, client, 'Quillon Wexford')).toEqual({ found: 0, keyed: 0 });
  });

  it('are finished at the next start when the app stopped midway', async () => {
    const { app, client, total } = setUp();
    app.ctx.writes.hold();
    rename(app, client, 'Quillon Wexford');
    const dir = d!.dir;
    await app.close();
    const { app: again } = openApp({ dataDir: dir, dbPath: join(dir, 'demo.sqlite'), mode: 'browser', version: '0.0.0-test', log: () => {}, renameChunk: CHUNK });
    opened.push(again);
    expect(queued(again)).toBe(1);
    expect(taken(again, client, 'Quillon Wexford')).toEqual({ found: CHUNK, keyed: CHUNK });
    again.start();
    await again.clientRekeys.idle();
    expect(taken(again, client, 'Quillon Wexford')).toEqual({ found: total, keyed: total });
    expect(queued(again)).toBe(0);
    await again.close();
    opened.splice(0);
    rmSync(dir, { recursive: true, force: true });
    d = null;
  });
});
