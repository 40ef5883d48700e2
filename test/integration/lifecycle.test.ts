import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller } from '../../src/main/api/dispatcher';
import { Lifecycle } from '../../src/main/core/lifecycle';
import { gridView } from '../../src/shared/grid/query';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * The app's start/stop lifecycle: what the background services hold (timers, read workers,
 * export workers) is all let go when the app stops.
 */

// Timers and workers the app holds are unref'd (they never keep a process alive), so Node's
// active-resource list does not show them: each service says what it holds.
const held = (d: DemoApp) => ({ readWorkers: d.app.ctx.reads.running, ...d.app.exports.held });

let d: DemoApp | null = null;
afterEach(async () => {
  await d?.dispose();
  d = null;
});

describe('the app lifecycle', () => {
  it('stopping leaves no timer or worker behind, also with an export under way', async () => {
    d = demoApp(300);
    d.app.start();
    const dispatch = createDispatcher(d.app, { log: () => {} }).call;
    const caller: Caller = { transport: 'ipc', token: null };
    expect((await dispatch(caller, 'auth.login', { login: 'admin', password: 'demo' })).ok).toBe(true);
    // The read workers answer, the export worker runs, the retention sweep is scheduled.
    expect((await dispatch(caller, 'app.info', {})).ok).toBe(true);
    const started = await dispatch(caller, 'interventions.export', {
      view: gridView.parse({}),
      format: 'xlsx',
      columns: ['number', 'client'],
      headers: ['No.', 'Client'],
      statusLabels: { taken: 'Taken', allocated: 'Allocated', confirmed: 'Confirmed', finalized: 'Finalized', cancelled: 'Cancelled' },
      priorityLabels: { 1: 'Low', 2: 'Medium', 3: 'High' },
      sourceLabels: { phone: 'Phone', email: 'E-mail', portal: 'Portal', schedule: 'Service schedule', walk_in: 'Walk-in' },
    });
    expect(started).toMatchObject({ ok: true });
    expect(held(d)).toMatchObject({ readWorkers: 2, timers: 1 });
    await d.app.close();
    expect(held(d)).toEqual({ readWorkers: 0, workers: 0, timers: 0 });
    // A read after the stop is refused, never left waiting.
    await expect(d.app.ctx.reads.get('SELECT 1')).rejects.toThrow(/closing/);
  });

  it('starts each service once, stops them the last added first, and goes on past one that fails', async () => {
    const seen: string[] = [];
    const logged: string[] = [];
    const life = new Lifecycle((line) => logged.push(line));
    const service = (name: string, fail = false) => ({
      name,
      start: () => seen.push(`start ${name}`),
      stop: () => {
        seen.push(`stop ${name}`);
        if (fail) throw new Error('socket already closed');
      },
    });
    life.add(service('sync', true));
    life.start();
    life.start();
    life.add(service('mail'));
    await life.stop();
    expect(seen).toEqual(['start sync', 'start mail', 'stop mail', 'stop sync']);
    expect(logged).toEqual(['sync did not stop cleanly: socket already closed']);
  });
});
