import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/*
 * Copies the write-ahead log into the database file, on a thread of its own (db/checkpointer.ts
 * says why). PASSIVE: it copies what no reader still needs, never waits for a lock and never
 * holds up a writer or a reader.
 */

export interface CheckpointJob {
  file: string;
  everyMs: number;
  nativeBinding?: string;
}

/** What one checkpoint did: frames in the log, and how many of them are in the file now. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

// Only as a worker: imported by a test, the module does nothing on its own.
if (parentPort) {
  const port = parentPort;
  const job = workerData as CheckpointJob;
  const db = new Database(job.file, { fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  let last = '';
  const timer = setInterval(() => {
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      // Said when the log or what is copied of it changed: the host can tell it is kept short (tests).
      const now = r ? `${r.log}/${r.checkpointed}` : '';
      if (r && now !== last) port.postMessage({ log: r.log, checkpointed: r.checkpointed } satisfies CheckpointReport);
      last = now;
    } catch {
      // The file is being replaced or closed (a download of the store): the next turn tries again.
    }
  }, job.everyMs);
  port.on('message', (m: unknown) => {
    if (m !== 'stop') return;
    clearInterval(timer);
    db.close();
    port.close();
  });
}
