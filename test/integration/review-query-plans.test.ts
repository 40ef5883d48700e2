import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listMessages } from '../../src/main/thread/messages';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * Review: the thread is opened many times a day on a database of a million interventions, so
 * every statement it runs must find its rows through an index, never by scanning a table
 * (EXPLAIN QUERY PLAN "SCAN <table>"); table-valued functions (json_each) are fine.
 */

let d: DemoApp;
beforeAll(() => {
  d = demoApp(300);
});
afterAll(() => d.dispose());

/** The statements `work` prepares, each with the table scans of its query plan. */
function scansOf(work: () => void, params: unknown[]): string[] {
  const raw = d.app.ctx.raw;
  const prepare = raw.prepare.bind(raw);
  const seen: string[] = [];
  const spy = vi.spyOn(raw, 'prepare').mockImplementation((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  const scans: string[] = [];
  for (const sql of seen) {
    const n = (sql.match(/\?/g) ?? []).length;
    const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params.slice(0, n), ...Array<string>(Math.max(0, n - params.length)).fill('x')) as { detail: string }[];
    for (const { detail } of plan) if (/^SCAN /.test(detail) && !/VIRTUAL TABLE|CONSTANT ROW/.test(detail)) scans.push(`${detail}: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`);
  }
  return scans;
}

describe('opening a thread', () => {
  it('scans no table (mentions are found through the messages)', () => {
    const id = d.app.ctx.raw.prepare('SELECT intervention_id FROM intervention_messages WHERE deleted_at IS NULL LIMIT 1').pluck().get() as string;
    expect(id).toBeTruthy();
    expect(scansOf(() => listMessages(d.app.ctx, id), [id])).toEqual([]);
  });
});
