import type { RawDb } from '../db/connection';

/*
 * Numbers from reserved blocks. A workstation that syncs with a shared store never takes a
 * number from the series' own counter (another workstation may take the same one meanwhile):
 * it reserves blocks of numbers from the store while online (sync/number-reserve.ts) and
 * numbers from them, online or offline. When its blocks run out offline, a document is
 * validated without a number and gets one at the next sync (interventions' numberPending).
 */

/** Whether this workstation syncs with a store (sync keeps its settings in sync_state). */
export function numbersFromBlocks(raw: RawDb): boolean {
  return raw.prepare("SELECT 1 FROM sync_state WHERE key = 'store'").get() !== undefined;
}

/** The next number of the series' oldest block with numbers left, or null when none is left. */
export function takeFromBlock(raw: RawDb, seriesId: string): number | null {
  const row = raw
    .prepare(
      `UPDATE number_blocks SET next = next + 1
         WHERE rowid = (SELECT rowid FROM number_blocks WHERE series_id = ? AND next <= last ORDER BY first LIMIT 1)
         RETURNING next - 1 AS n`,
    )
    .get(seriesId) as { n: number } | undefined;
  return row?.n ?? null;
}

/** How many numbers of the series this workstation still holds. */
export function numbersLeft(raw: RawDb, seriesId: string): number {
  const row = raw.prepare('SELECT coalesce(sum(last - next + 1), 0) AS n FROM number_blocks WHERE series_id = ? AND next <= last').get(seriesId) as { n: number };
  return row.n;
}

/** Keeps a block the store reserved for this workstation. */
export function addBlock(raw: RawDb, seriesId: string, first: number, last: number, now: number): void {
  raw.prepare('INSERT OR IGNORE INTO number_blocks (series_id, first, last, next, reserved_at) VALUES (?, ?, ?, ?, ?)').run(seriesId, first, last, first, now);
}
