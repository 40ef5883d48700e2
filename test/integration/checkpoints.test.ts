import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateRecord } from '../../src/main/core/records';
import { SYSTEM } from '../../src/main/core/context';
import { interventions } from '../../src/main/db/schema';
import type { CheckpointReport } from '../../src/main/db/checkpoint-worker';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * The write-ahead log is copied into the database file by a worker thread while the app runs,
 * not by the main connection at its commits (db/checkpointer.ts).
 */

let d: DemoApp;
beforeAll(() => {
  d = demoApp(200);
}, 60_000);
afterAll(() => d.dispose());

describe('checkpoints', () => {
  it('are made off the main connection while the app runs, and left to it again once stopped', async () => {
    const raw = d.app.ctx.raw;
    const checkpoints = d.app.checkpoints;
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpoints.start();
    try {
      // Only a backstop on the main connection while the worker runs.
      expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      // The worker's reports: the log all copied into the file once it holds these writes.
      const copied = new Promise<CheckpointReport>((resolve) => {
        const off = checkpoints.onReport((r) => {
          if (r.log > 0 && r.checkpointed === r.log) {
            off();
            resolve(r);
          }
        });
      });
      const ids = raw.prepare('SELECT id, version FROM interventions WHERE deleted_at IS NULL ORDER BY id LIMIT 30').all() as { id: string; version: number }[];
      for (const [i, row] of ids.entries()) updateRecord(d.app.ctx, SYSTEM, interventions, row.id, row.version, { notes: `checkpointed ${i}` });
      const report = await copied;
      expect(report.log).toBeGreaterThan(0);
    } finally {
      await checkpoints.stop();
    }
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Nothing written was lost on the way.
    expect(raw.prepare("SELECT count(*) FROM interventions WHERE notes LIKE 'checkpointed %'").pluck().get()).toBe(30);
  });
});
