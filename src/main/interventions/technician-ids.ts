import type { RawDb } from '../db/connection';

/*
 * Each intervention keeps the person ids of its live technicians (interventions.technician_ids,
 * comma-separated, '' for none), kept by the write path inside each write's transaction like the
 * client sort key, on this workstation only. The calendar reads a range's technicians and double
 * bookings from the interventions it walks: a probe of intervention_technicians per intervention
 * cost more than the walk itself (a month of 2,000 visits on 1M interventions).
 */

const LIST = `coalesce((SELECT group_concat(person_id) FROM intervention_technicians it WHERE it.intervention_id = @id AND it.deleted_at IS NULL), '')`;

/** Keeps interventions.technician_ids current; each method answers the interventions whose list changed. */
export class TechnicianIds {
  private readonly forIntervention;
  private readonly interventionOf;

  constructor(raw: RawDb) {
    this.forIntervention = raw.prepare(`UPDATE interventions SET technician_ids = ${LIST} WHERE id = @id AND technician_ids IS NOT ${LIST} RETURNING id`).pluck();
    this.interventionOf = raw.prepare('SELECT intervention_id FROM intervention_technicians WHERE id = ?').pluck();
  }

  /** An intervention was written (a new one has none yet; a row from the store had it left out). */
  intervention(id: string): string[] {
    return this.forIntervention.all({ id }) as string[];
  }

  /** A technician was put on, answered, or taken off an intervention. */
  assignment(id: string): string[] {
    const intervention = this.interventionOf.get(id) as string | undefined;
    return intervention === undefined ? [] : this.intervention(intervention);
  }
}

/** The ids of a stored list ('' or NULL: none). */
export function technicianIdsOf(list: string | null): string[] {
  return list ? list.split(',') : [];
}

/** Fills the list where it is missing (a database from before it existed, a bulk load). Returns the rows filled. */
export function fillTechnicianIds(raw: RawDb): number {
  // Answered by the partial index of rows without a list (empty once filled), not by a scan of the
  // table at each start (0.6 s at 1M).
  const missing = raw.prepare('SELECT 1 FROM interventions WHERE technician_ids IS NULL LIMIT 1').get();
  if (!missing) return 0;
  // IMMEDIATE: it reads before it writes, and another connection's commit in between would fail
  // its write (SQLITE_BUSY_SNAPSHOT) after the long read; the write lock from the start instead.
  return raw.transaction(() => {
    raw.exec(`DROP TABLE IF EXISTS temp.technician_lists;
      CREATE TEMP TABLE technician_lists (id TEXT PRIMARY KEY, list TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO temp.technician_lists SELECT intervention_id, group_concat(person_id) FROM intervention_technicians WHERE deleted_at IS NULL GROUP BY intervention_id;`);
    const n = raw
      .prepare("UPDATE interventions SET technician_ids = coalesce((SELECT list FROM temp.technician_lists WHERE id = interventions.id), '') WHERE technician_ids IS NULL")
      .run().changes;
    raw.exec('DROP TABLE temp.technician_lists');
    return n;
  }).immediate();
}
