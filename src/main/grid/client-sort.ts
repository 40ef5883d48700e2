import type { RawDb } from '../db/connection';
import { fold } from '../db/read-worker';

/*
 * Sorting the interventions window by client name, right in the four languages and as fast as
 * any indexed sort: each intervention keeps its client's name as it sorts (interventions.
 * client_sort, indexed over live rows), kept by the write path like the search index. Sorting
 * by the joined name instead needed every row joined and sorted (about 3 s on 1M rows) and put
 * "Ștefan" after "Zeta" (byte order).
 */

/**
 * A name as it sorts: accents and case folded (Ș with S, Á with A, Ç with C), the Catalan middle
 * dot ignored (col·legi with collegi), leading quotes and punctuation skipped ("ALFA" SRL with
 * Alfa). One key for the four UI languages: where their dictionaries differ (Romanian puts ș
 * after s) people search a client list by folded letters, as the quick search already does.
 */
export function sortKey(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  // The readers' fold (accents, case), as the group lists order by, plus what only names need.
  return String(fold(name))
    .replace(/·/g, '')
    .replace(/^[^\p{L}\p{N}]+/u, '');
}

/** Keeps interventions.client_sort current; each method answers the interventions whose key changed. */
export class ClientSortKeys {
  private readonly forIntervention;
  private readonly forClient;
  private readonly clientName;

  constructor(raw: RawDb) {
    raw.function('sort_key', { deterministic: true }, (v: unknown) => sortKey(v));
    this.forIntervention = raw.prepare(
      `UPDATE interventions SET client_sort = k FROM (SELECT sort_key(c.name) AS k FROM interventions i JOIN clients c ON c.id = i.client_id WHERE i.id = @id)
       WHERE id = @id AND client_sort IS NOT k RETURNING id`,
    ).pluck();
    this.clientName = raw.prepare('SELECT name FROM clients WHERE id = ?').pluck();
    // Live rows only: the partial index on client_id holds those (without it, a scan of every row).
    this.forClient = raw
      .prepare('UPDATE interventions SET client_sort = @k WHERE client_id = @id AND deleted_at IS NULL AND rowid BETWEEN @first AND @last AND client_sort IS NOT @k RETURNING id')
      .pluck();
  }

  /** An intervention was written (a new one, or its client changed). */
  intervention(id: string): string[] {
    return this.forIntervention.all({ id }) as string[];
  }

  /** A client was renamed: its live interventions with rowids from `first` to `last` follow the new name. */
  clientRows(id: string, first: number, last: number): string[] {
    return this.forClient.all({ k: sortKey(this.clientName.get(id)), id, first, last }) as string[];
  }
}

/**
 * Fills the key where it is missing (a database from before it existed, a bulk load), computing
 * it once per client. Returns the rows filled.
 */
export function fillClientSortKeys(raw: RawDb): number {
  // Live rows only, the ones sorted: the partial index on client_sort answers this at once; asked
  // of every row it was a scan of the table at each start (0.6 s warm, 3.4 s cold at 1M).
  const missing = raw.prepare('SELECT 1 FROM interventions WHERE client_sort IS NULL AND deleted_at IS NULL LIMIT 1').get();
  if (!missing) return 0;
  raw.function('sort_key', { deterministic: true }, (v: unknown) => sortKey(v));
  // IMMEDIATE: it reads before it writes, and another connection's commit in between would fail
  // its write (SQLITE_BUSY_SNAPSHOT) after the long read; the write lock from the start instead.
  return raw.transaction(() => {
    raw.exec(`DROP TABLE IF EXISTS temp.client_keys;
      CREATE TEMP TABLE client_keys (id TEXT PRIMARY KEY, k TEXT) WITHOUT ROWID;
      INSERT INTO temp.client_keys SELECT id, sort_key(name) FROM clients;`);
    const n = raw.prepare('UPDATE interventions SET client_sort = (SELECT k FROM temp.client_keys WHERE id = interventions.client_id) WHERE client_sort IS NULL AND deleted_at IS NULL').run().changes;
    raw.exec('DROP TABLE temp.client_keys');
    return n;
  }).immediate();
}
