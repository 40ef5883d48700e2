import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { RawDb } from '../db/connection';

/*
 * The quick-search index of the interventions window (FTS5 table interventions_fts, keyed by
 * the intervention's rowid). It is kept current by the write path, one intervention at a time
 * (~10 µs each), and rebuilt in bulk after bulk loads: a per-row trigger during a bulk load
 * measured 40x slower inserts (FACTS.md).
 */

/**
 * The columns the index is made from, per table (see `source` below): a write that changes none
 * of them leaves the index as it is (a status change, a planned date), and a search's answers.
 */
export const SEARCHED: Readonly<Record<string, readonly string[]>> = {
  interventions: ['object_text', 'product_id', 'serial_lot', 'notes', 'number', 'series_id', 'client_id', 'deleted_at'],
  clients: ['name', 'phone', 'work_phone'],
};

/** Whether a write to `table` that changed `columns` (all of the row when absent) changes the index. */
export function changesSearch(table: string, columns: readonly string[] | undefined): boolean {
  const searched = SEARCHED[table];
  return searched !== undefined && (columns === undefined || columns.some((c) => searched.includes(c)));
}

/** Every form a person may type a phone number in: +40722123456, 0722123456, 722123456. */
export function phoneVariants(e164: unknown): string {
  if (typeof e164 !== 'string' || !e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const national = parsed.formatNational().replace(/\D/g, '');
  return [e164.replace(/\D/g, ''), national, parsed.nationalNumber].join(' ');
}

const CLIENT_PHONES = "trim(phone_variants(c.phone) || ' ' || phone_variants(c.work_phone))";

/** The indexed text of each intervention; phones come from `phone` over the client table `clients`. */
const source = (phone: string, clients: string) => `
  SELECT i.rowid AS rowid, c.name AS client,
         trim(coalesce(i.object_text, '') || ' ' || coalesce(p.name, '') || ' ' || coalesce(i.serial_lot, '')) AS object,
         coalesce(i.notes, '') AS notes,
         ${phone} AS phone,
         CASE WHEN i.number IS NULL THEN '' ELSE coalesce(s.prefix, '') || ' ' || i.number || ' ' || coalesce(s.prefix, '') || i.number END AS number
  FROM interventions i
  JOIN ${clients} c ON c.id = i.client_id
  LEFT JOIN products p ON p.id = i.product_id
  LEFT JOIN series s ON s.id = i.series_id`;

/** Registers the SQL functions the index needs on a connection (once per connection). */
export function registerSearchFunctions(raw: RawDb): void {
  raw.function('phone_variants', { deterministic: true }, (v: unknown) => phoneVariants(v));
}

export class SearchIndex {
  private readonly remove;
  private readonly insertFor;
  private readonly clientPhones;
  private readonly insertForClient;

  constructor(private readonly raw: RawDb) {
    registerSearchFunctions(raw);
    this.remove = raw.prepare('DELETE FROM interventions_fts WHERE rowid = ?');
    this.insertFor = raw.prepare(
      `INSERT INTO interventions_fts (rowid, client, object, notes, phone, number)
       SELECT rowid, client, object, notes, phone, number FROM (${source(CLIENT_PHONES, 'clients')} WHERE i.id = ? AND i.deleted_at IS NULL)`,
    );
    this.clientPhones = raw.prepare(`SELECT ${CLIENT_PHONES} FROM clients c WHERE c.id = ?`).pluck();
    this.insertForClient = raw.prepare(
      `INSERT INTO interventions_fts (rowid, client, object, notes, phone, number)
       SELECT rowid, client, object, notes, phone, number FROM (${source('@phone', 'clients')} WHERE i.client_id = @id AND i.deleted_at IS NULL AND i.rowid BETWEEN @first AND @last)`,
    );
  }

  /** Re-indexes one intervention (or drops it when it is deleted); call inside the write's transaction. */
  intervention(id: string): void {
    const row = this.raw.prepare('SELECT rowid FROM interventions WHERE id = ?').get(id) as { rowid: number } | undefined;
    if (!row) return;
    this.remove.run(row.rowid);
    this.insertFor.run(id);
  }

  /**
   * A client's name or phones changed: its interventions are found by them. These are some of its
   * live interventions, by rowid ascending (client-rekeys.ts takes a large client in turns). The
   * phone forms are worked out once for the client, not once per intervention (a client with
   * 1,154 interventions took 1.5 s to rename that way, parsing the same numbers again for each).
   */
  clientRows(clientId: string, rowids: readonly number[]): void {
    if (rowids.length === 0) return;
    for (const rowid of rowids) this.remove.run(rowid);
    const phone = (this.clientPhones.get(clientId) as string | undefined) ?? '';
    this.insertForClient.run({ id: clientId, phone, first: rowids[0], last: rowids[rowids.length - 1] });
  }
}

/**
 * Rebuilds the whole index (bulk loads, repairs, after a VACUUM renumbered rowids). A client's
 * phone forms are worked out once per client rather than once per intervention: parsing phone
 * numbers for every row was most of the rebuild's time (measured 38 s against 14 s for 1M).
 */
export function rebuildSearchIndex(raw: RawDb): number {
  registerSearchFunctions(raw);
  // IMMEDIATE: it reads before it writes, and another connection's commit in between would fail
  // its write (SQLITE_BUSY_SNAPSHOT) after the long read; the write lock from the start instead.
  return raw.transaction(() => {
    raw.exec(`DROP TABLE IF EXISTS temp.client_search;
      CREATE TEMP TABLE client_search AS
        SELECT c.id, c.name, ${CLIENT_PHONES} AS phone FROM clients c;
      CREATE UNIQUE INDEX temp.client_search_id ON client_search (id);`);
    raw.prepare("INSERT INTO interventions_fts (interventions_fts) VALUES ('delete-all')").run();
    // Merging segments while loading is wasted work: merge once at the end (measured 3.5 s -> 3.1 s per 250k).
    raw.exec("INSERT INTO interventions_fts (interventions_fts, rank) VALUES ('automerge', 0); INSERT INTO interventions_fts (interventions_fts, rank) VALUES ('crisismerge', 64);");
    const bulk = source('c.phone', 'temp.client_search');
    const n = raw.prepare(`INSERT INTO interventions_fts (rowid, client, object, notes, phone, number) SELECT * FROM (${bulk} WHERE i.deleted_at IS NULL)`).run().changes;
    raw.exec("INSERT INTO interventions_fts (interventions_fts) VALUES ('optimize'); INSERT INTO interventions_fts (interventions_fts, rank) VALUES ('automerge', 4); INSERT INTO interventions_fts (interventions_fts, rank) VALUES ('crisismerge', 16);");
    raw.exec('DROP TABLE temp.client_search');
    return n;
  }).immediate();
}

/**
 * Turns what a person typed into an FTS5 query: each word must match as a prefix, and nothing
 * they type is taken as FTS syntax (quotes, operators, column filters). Null when no word is left.
 */
export function toMatchQuery(input: string): string | null {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}
