import type { ServiceContext } from '../core/context';

/*
 * The names the calendar puts on events, from the small tables (teams, series' prefixes,
 * products, people): read once and kept until a write to that table commits, instead of a join
 * per event (a month's read names up to 2,000 events; its joins cost more than its walk).
 */

const SQL = {
  teams: 'SELECT id, name FROM teams',
  series: 'SELECT id, prefix AS name FROM series',
  products: 'SELECT id, name FROM products',
  personnel: 'SELECT id, name FROM personnel',
} as const;

type Table = keyof typeof SQL;

const kept = new WeakMap<ServiceContext, Map<Table, Map<string, string | null>>>();

/** Id → name of one small table, as committed now. */
export function namesOf(s: ServiceContext, table: Table): ReadonlyMap<string, string | null> {
  let tables = kept.get(s);
  if (!tables) {
    const fresh = new Map<Table, Map<string, string | null>>();
    tables = fresh;
    kept.set(s, fresh);
    s.events.onCommitted((notice) => {
      if (notice.reset) return fresh.clear();
      for (const row of notice.rows) if (row.table in SQL) fresh.delete(row.table as Table);
    });
  }
  let names = tables.get(table);
  if (!names) {
    names = new Map((s.raw.prepare(SQL[table]).all() as { id: string; name: string | null }[]).map((r) => [r.id, r.name]));
    tables.set(table, names);
  }
  return names;
}
