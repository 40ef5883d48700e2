import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { CALENDAR_MAX_EVENTS, type CalendarEvent, type CalendarResources } from '../../src/shared/api/calendar';
import { apiCalls } from '../support/dispatch';
import { demoApp, type DemoApp } from '../support/demo-app';
import { fillTechnicianIds } from '../../src/main/interventions/technician-ids';
import { clientNamesOf, warmClientNames } from '../../src/main/calendar/names';

/*
 * The calendar's reads through the dispatcher: the interventions planned in a range (any overlap,
 * the same set a full scan finds), filtered, with their technicians; the lanes; bad ranges refused.
 */

let d: DemoApp;
let dispatch: Dispatch;
const caller: Caller = { transport: 'ipc', token: null };
const { ok, fails } = apiCalls(() => dispatch, () => caller);
const DAY = 86_400_000;

beforeAll(async () => {
  d = demoApp(2000);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  const r = await dispatch(caller, 'auth.login', { login: 'operator', password: 'demo' });
  if (!r.ok) throw new Error(r.error.message);
}, 60_000);
afterAll(() => d.dispose());

/** Every live intervention overlapping [from, to), by a full scan (no index, no cap). */
const scan = (from: number, to: number) =>
  (
    d.app.ctx.raw
      .prepare('SELECT id FROM interventions NOT INDEXED WHERE deleted_at IS NULL AND planned_start IS NOT NULL AND planned_start < ? AND coalesce(planned_end, planned_start + 3600000) > ? ORDER BY id')
      .pluck()
      .all(to, from) as string[]
  ).sort();

describe('calendar events', () => {
  it('are the interventions planned in the range, as a full scan finds them, in start order', async () => {
    const starts = d.app.ctx.raw.prepare('SELECT planned_start FROM interventions WHERE deleted_at IS NULL AND planned_start IS NOT NULL ORDER BY planned_start').pluck().all() as number[];
    expect(starts.length).toBeGreaterThan(50);
    // Ranges around real plans: a day, a week, a month view's six weeks.
    for (const [i, days] of [[0.1, 1], [0.5, 7], [0.9, 42]] as const) {
      const from = starts[Math.floor(starts.length * i)]! - 2 * 3_600_000;
      const to = from + days * DAY;
      const { events, more } = await ok<{ events: CalendarEvent[]; more: boolean }>('calendar.events', { from, to });
      expect(more).toBe(false);
      expect(events.map((e) => e.id).sort()).toEqual(scan(from, to));
      expect(events.map((e) => e.start)).toEqual([...events.map((e) => e.start)].sort((a, b) => a - b));
      for (const e of events) expect(e.end).toBeGreaterThan(e.start);
    }
  });

  it('carries the technicians, and filters by technician, team and status', async () => {
    const planned = d.app.ctx.raw
      .prepare(
        `SELECT i.id, i.planned_start AS start, i.team_id AS teamId, i.status, it.person_id AS personId FROM interventions i JOIN intervention_technicians it ON it.intervention_id = i.id AND it.deleted_at IS NULL
         WHERE i.deleted_at IS NULL AND i.planned_start IS NOT NULL AND i.team_id IS NOT NULL LIMIT 1`,
      )
      .get() as { id: string; start: number; teamId: string; status: string; personId: string };
    const range = { from: planned.start - DAY, to: planned.start + DAY };
    const all = (await ok<{ events: CalendarEvent[] }>('calendar.events', range)).events;
    expect(all.find((e) => e.id === planned.id)?.technicianIds).toContain(planned.personId);
    for (const filters of [{ technicianIds: [planned.personId] }, { teamIds: [planned.teamId] }, { statuses: [planned.status] }]) {
      const some = (await ok<{ events: CalendarEvent[] }>('calendar.events', { ...range, filters })).events;
      expect(some.map((e) => e.id)).toContain(planned.id);
      expect(some.length).toBeLessThanOrEqual(all.length);
    }
    const byTech = (await ok<{ events: CalendarEvent[] }>('calendar.events', { ...range, filters: { technicianIds: [planned.personId] } })).events;
    expect(byTech.every((e) => e.technicianIds.includes(planned.personId))).toBe(true);
    const lanes = await ok<CalendarResources>('calendar.resources', {});
    expect(lanes.technicians.map((t) => t.id)).toContain(planned.personId);
    expect(lanes.teams.map((t) => t.id)).toContain(planned.teamId);
  });

  it("gives each event its live technicians, in name order, also right after they change", async () => {
    const raw = d.app.ctx.raw;
    const live = (id: string) =>
      raw
        .prepare('SELECT it.person_id FROM intervention_technicians it JOIN personnel pe ON pe.id = it.person_id WHERE it.intervention_id = ? AND it.deleted_at IS NULL ORDER BY pe.name, pe.id')
        .pluck()
        .all(id) as string[];
    const iv = raw
      .prepare("SELECT id, version, planned_start AS start FROM interventions WHERE deleted_at IS NULL AND status IN ('taken', 'allocated') AND planned_start IS NOT NULL ORDER BY id LIMIT 1")
      .get() as { id: string; version: number; start: number };
    const people = raw.prepare('SELECT id FROM personnel WHERE is_technician = 1 AND active = 1 ORDER BY name DESC, id LIMIT 3').pluck().all() as string[];
    const range = { from: iv.start - DAY, to: iv.start + DAY };
    const shown = async () => (await ok<{ events: CalendarEvent[] }>('calendar.events', range)).events.find((e) => e.id === iv.id)!;
    let version = iv.version;
    for (const team of [people, people.slice(1), [], people.slice(0, 1)]) {
      version = (await ok<{ version: number }>('interventions.assignTechnicians', { id: iv.id, version, personIds: team })).version;
      const event = await shown();
      expect(event.technicianIds).toEqual(live(iv.id));
      expect([...event.technicianIds].sort()).toEqual([...team].sort());
    }
    // Every live intervention's stored list is its technicians (what a fill after a bulk load makes, too).
    const stored = raw.prepare('SELECT id, technician_ids AS list FROM interventions WHERE deleted_at IS NULL').all() as { id: string; list: string | null }[];
    const assigned = new Map<string, string[]>();
    for (const r of raw.prepare('SELECT intervention_id AS id, person_id AS person FROM intervention_technicians WHERE deleted_at IS NULL').all() as { id: string; person: string }[])
      assigned.set(r.id, [...(assigned.get(r.id) ?? []), r.person]);
    const wrong = stored.filter((r) => (r.list ? r.list.split(',') : []).sort().join() !== (assigned.get(r.id) ?? []).sort().join());
    expect(stored.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it("fills the technicians' list of rows without one (a database from before it existed), found by an index", () => {
    const raw = d.app.ctx.raw;
    const ids = raw.prepare("SELECT id FROM interventions WHERE deleted_at IS NULL AND technician_ids LIKE '%,%' ORDER BY id LIMIT 5").pluck().all() as string[];
    const before = ids.map((id) => raw.prepare('SELECT technician_ids FROM interventions WHERE id = ?').pluck().get(id));
    for (const id of ids) raw.prepare('UPDATE interventions SET technician_ids = NULL WHERE id = ?').run(id);
    expect(fillTechnicianIds(raw)).toBe(5);
    expect(fillTechnicianIds(raw)).toBe(0);
    const after = ids.map((id) => raw.prepare('SELECT technician_ids FROM interventions WHERE id = ?').pluck().get(id) as string);
    expect(after.map((l) => l.split(',').sort().join())).toEqual(before.map((l) => String(l).split(',').sort().join()));
    // The check at each start reads the (empty) partial index, not a million rows.
    const plan = raw.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM interventions WHERE technician_ids IS NULL LIMIT 1').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX interventions_technician_ids_unfilled/);
  });

  it("names each event's client, and the new name as soon as the client is renamed", async () => {
    const planned = d.app.ctx.raw
      .prepare('SELECT i.planned_start AS start, c.id, c.name, c.version FROM interventions i JOIN clients c ON c.id = i.client_id WHERE i.deleted_at IS NULL AND i.planned_start IS NOT NULL ORDER BY i.planned_start LIMIT 1')
      .get() as { start: number; id: string; name: string; version: number };
    const range = { from: planned.start - DAY, to: planned.start + DAY };
    const names = async () => (await ok<{ events: CalendarEvent[] }>('calendar.events', range)).events.map((e) => e.clientName);
    expect(await names()).toContain(planned.name);
    // The operator logged in here may write clients.
    await ok('clients.update', { id: planned.id, version: planned.version, patch: { name: `${planned.name} (renamed)` } });
    const after = await names();
    expect(after).toContain(`${planned.name} (renamed)`);
    expect(after).not.toContain(planned.name);
  });

  it("keeps every client's name once read at start-up in batches, and a client renamed after is named anew", async () => {
    const raw = d.app.ctx.raw;
    const clients = raw.prepare('SELECT id, name, version FROM clients ORDER BY id').all() as { id: string; name: string; version: number }[];
    expect(clients.length).toBeGreaterThan(100);
    await warmClientNames(d.app.ctx, () => false, 40);
    const kept = clientNamesOf(d.app.ctx, []);
    expect(kept.size).toBe(clients.length);
    for (const c of clients) expect(kept.get(c.id)).toBe(c.name);
    // The first batch's first client, renamed after the warm-up: the next read names it anew.
    const first = clients[0]!;
    await ok('clients.update', { id: first.id, version: first.version, patch: { name: `${first.name} (new)` } });
    expect(clientNamesOf(d.app.ctx, [first.id]).get(first.id)).toBe(`${first.name} (new)`);
  });

  it('refuses a range that ends before it starts, or is wider than a hundred days', async () => {
    expect((await fails('calendar.events', { from: 10 * DAY, to: DAY })).issues?.[0]?.path).toBe('to');
    expect((await fails('calendar.events', { from: 0, to: 101 * DAY })).issues?.[0]?.path).toBe('to');
    expect((await fails('calendar.events', { from: 0, to: DAY, filters: { statuses: ['lost'] } })).code).toBe('validation');
    expect((await fails('calendar.events', { from: 'monday', to: DAY })).code).toBe('validation');
  });

  it('moves a visit through the form\'s command; after the team accepted it, the thread says from when to when', async () => {
    const accepted = d.app.ctx.raw
      .prepare(
        `SELECT i.id, i.version, i.planned_start AS start, i.planned_end AS "end", i.status FROM interventions i
         WHERE i.deleted_at IS NULL AND i.status = 'confirmed' AND i.planned_start IS NOT NULL AND i.planned_end IS NOT NULL LIMIT 1`,
      )
      .get() as { id: string; version: number; start: number; end: number };
    const moved = await ok<{ version: number; plannedStart: number }>('interventions.update', { id: accepted.id, version: accepted.version, patch: { plannedStart: accepted.start + DAY, plannedEnd: accepted.end + DAY } });
    expect(moved.plannedStart).toBe(accepted.start + DAY);
    const thread = await ok<{ kind: string; body: string }[]>('interventions.messages.list', { id: accepted.id });
    expect(thread.filter((m) => m.kind === 'system' && m.body.includes('moved the planned visit to'))).toHaveLength(1);
    // The calendar shows it on its new day at once.
    const { events } = await ok<{ events: CalendarEvent[] }>('calendar.events', { from: accepted.start + DAY - 3_600_000, to: accepted.start + 2 * DAY });
    expect(events.find((e) => e.id === accepted.id)).toMatchObject({ start: accepted.start + DAY, version: moved.version });
    // A change that leaves the plan alone says nothing more.
    await ok('interventions.update', { id: accepted.id, version: moved.version, patch: { priority: 3 } });
    expect((await ok<{ kind: string; body: string }[]>('interventions.messages.list', { id: accepted.id })).filter((m) => m.body.includes('moved the planned visit'))).toHaveLength(1);
  });

  it('flags a technician booked twice at the same time, on the calendar and for the form', async () => {
    const lanes = await ok<CalendarResources>('calendar.resources', {});
    const person = lanes.technicians[0]!.id;
    const client = d.app.ctx.raw.prepare('SELECT id FROM clients LIMIT 1').pluck().get() as string;
    // Far from the demo's plans: a day nobody else is booked on.
    const at = Date.UTC(2031, 2, 4, 9);
    const first = await ok<{ id: string }>('interventions.create', { docDate: '2026-11-16', clientId: client, objectText: 'First visit', plannedStart: at, plannedEnd: at + 2 * 3_600_000, technicianIds: [person] });
    const second = await ok<{ id: string }>('interventions.create', { docDate: '2026-11-16', clientId: client, objectText: 'Second visit', plannedStart: at + 3_600_000, plannedEnd: at + 3 * 3_600_000, technicianIds: [person] });
    const later = await ok<{ id: string }>('interventions.create', { docDate: '2026-11-16', clientId: client, objectText: 'After both', plannedStart: at + 3 * 3_600_000, plannedEnd: at + 4 * 3_600_000, technicianIds: [person] });
    const { events } = await ok<{ events: CalendarEvent[] }>('calendar.events', { from: at - DAY / 2, to: at + DAY / 2 });
    const clashOf = (id: string) => events.find((e) => e.id === id)?.clashes;
    expect(clashOf(first.id)).toEqual([person]);
    expect(clashOf(second.id)).toEqual([person]);
    // Back to back is no clash.
    expect(clashOf(later.id)).toEqual([]);
    // The form asks about a plan it is writing: the other booking, not its own.
    const asked = await ok<{ interventionId: string }[]>('calendar.clashes', { start: at + 30 * 60_000, end: at + 90 * 60_000, personIds: [person], excludeId: first.id });
    expect(asked.map((c) => c.interventionId)).toEqual([second.id]);
    expect(await ok('calendar.clashes', { start: at + 5 * 3_600_000, end: at + 6 * 3_600_000, personIds: [person] })).toEqual([]);
    expect((await fails('calendar.clashes', { start: at, end: at - 1, personIds: [person] })).code).toBe('validation');
  });

  it('flags exactly the double bookings a comparison of every pair finds, in a capped week and a filtered one alike', async () => {
    const raw = d.app.ctx.raw;
    const people = (raw.prepare('SELECT id FROM personnel WHERE is_technician = 1 ORDER BY id LIMIT 4').pluck().all() as string[]).sort();
    const source = raw.prepare('SELECT * FROM interventions WHERE deleted_at IS NULL LIMIT 1').get() as Record<string, unknown>;
    const cols = Object.keys(source);
    const insert = raw.prepare(`INSERT INTO interventions (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    // A busy week far from the demo's plans: more visits than a read shows, some cancelled, some
    // with two people or none, a few reaching in from the day before.
    const monday = Date.UTC(2033, 0, 3);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    raw.transaction(() => {
      for (let i = 0; i < CALENDAR_MAX_EVENTS + 1000; i++) {
        const start = monday - DAY / 2 + Math.floor(rnd() * 8 * DAY / 900_000) * 900_000;
        const on = people.filter(() => rnd() < 0.3);
        insert.run({
          ...source,
          id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          number: null,
          series_id: null,
          planned_start: start,
          planned_end: rnd() < 0.1 ? null : start + (1 + Math.floor(rnd() * 8)) * 900_000,
          cancelled_at: rnd() < 0.1 ? start : null,
          status: 'allocated',
          technician_ids: on.join(','),
        });
      }
    })();
    const from = monday;
    const to = monday + 7 * DAY;
    const visits = (raw
      .prepare(`SELECT id, technician_ids AS list, planned_start AS start, coalesce(planned_end, planned_start + 3600000) AS "end", cancelled_at IS NOT NULL AS cancelled
                FROM interventions WHERE deleted_at IS NULL AND planned_start IS NOT NULL AND planned_start < ? AND coalesce(planned_end, planned_start + 3600000) > ?`)
      .all(to + DAY, from) as { id: string; list: string | null; start: number; end: number; cancelled: number }[]);
    const expected = (e: CalendarEvent) => {
      const self = visits.find((v) => v.id === e.id)!;
      if (self.cancelled) return [];
      return e.technicianIds
        .filter((p) => visits.some((v) => v.id !== e.id && !v.cancelled && (v.list ?? '').split(',').includes(p) && v.start < self.end && self.start < v.end))
        .sort();
    };
    const week = await ok<{ events: CalendarEvent[]; more: boolean }>('calendar.events', { from, to });
    expect(week.more).toBe(true);
    const busy = week.events.filter((e) => e.clashes.length > 0).length;
    expect(busy).toBeGreaterThan(100);
    for (const e of week.events) expect([...e.clashes].sort(), e.id).toEqual(expected(e));
    // A filter reads its events another way; the double bookings it marks are the same.
    const filtered = await ok<{ events: CalendarEvent[]; more: boolean }>('calendar.events', { from: monday + 2 * DAY, to: monday + 3 * DAY, filters: { statuses: ['allocated'] } });
    expect(filtered.events.length).toBeGreaterThan(100);
    for (const e of filtered.events) expect([...e.clashes].sort(), e.id).toEqual(expected(e));
    // And a day's read that the cap does not reach.
    const day = await ok<{ events: CalendarEvent[]; more: boolean }>('calendar.events', { from: monday + 4 * DAY, to: monday + 5 * DAY });
    expect(day.more).toBe(false);
    for (const e of day.events) expect([...e.clashes].sort(), e.id).toEqual(expected(e));
    raw.prepare("DELETE FROM interventions WHERE id LIKE '00000000-0000-7000-8000-%'").run();
  });
});
