import { parentPort, workerData } from 'node:worker_threads';
import { openRaw } from '../db/connection';
import { recreateIndexes, type SavedIndex } from '../db/indexes';
import { fillClientSortKeys } from '../grid/client-sort';
import { fillTechnicianIds } from '../interventions/technician-ids';
import { rebuildSearchIndex } from '../grid/search-index';

/*
 * The end of a download of the store (sync/bootstrap.ts), on a thread of its own: the indexes,
 * the quick-search index and ANALYZE take about 30 s at 1,000,000 interventions, and on the
 * main thread the app could answer nothing meanwhile (not even the
 * progress it shows). Its own connection to the file; the main one writes nothing until it ends.
 */

export interface IndexJob {
  file: string;
  indexes: SavedIndex[];
}

export type IndexMessage = { ok: true } | { ok: false; message: string };

/** Builds what a bulk load left out; runs on any connection (the worker's, or a test's). */
export function buildAfterLoad(file: string, indexes: SavedIndex[]): void {
  const raw = openRaw(file);
  try {
    recreateIndexes(raw, indexes);
    rebuildSearchIndex(raw);
    fillClientSortKeys(raw);
    fillTechnicianIds(raw);
    raw.exec('ANALYZE');
  } finally {
    raw.close();
  }
}

// Only as a worker: imported by a test, the module does nothing on its own.
if (parentPort) {
  const port = parentPort;
  const job = workerData as IndexJob;
  try {
    buildAfterLoad(job.file, job.indexes);
    port.postMessage({ ok: true } satisfies IndexMessage);
  } catch (e) {
    port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) } satisfies IndexMessage);
  }
}
