import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ReadContext } from '../core/context';
import type { AppInfo } from '../../shared/api/settings';

export interface AppIdentity {
  version: string;
  mode: 'desktop' | 'browser';
  dbPath: string;
  demo: boolean;
}

// The planner scans the whole interventions table for this count; its smallest partial index
// (live rows only) answers ten times faster.
const countLive = (table: string) =>
  `SELECT count(*) AS n FROM ${table}${table === 'interventions' ? ' INDEXED BY interventions_priority' : ''} WHERE deleted_at IS NULL`;

/** Counts over a million rows take tens of milliseconds: they run on the read pool. */
export async function appInfo(s: ReadContext, id: AppIdentity, showPath: boolean): Promise<AppInfo> {
  const [interventions, clients, personnel] = await Promise.all(
    ['interventions', 'clients', 'personnel'].map(async (t) => (await s.reads.get<{ n: number }>(countLive(t)))?.n ?? 0),
  );
  let sizeBytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      sizeBytes += statSync(id.dbPath + suffix).size;
    } catch {
      // No WAL file yet: nothing to add.
    }
  }
  return {
    version: id.version,
    mode: id.mode,
    database: { name: basename(id.dbPath), path: showPath ? id.dbPath : null, sizeBytes, demo: id.demo },
    counts: { interventions: interventions ?? 0, clients: clients ?? 0, personnel: personnel ?? 0 },
  };
}
