import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { createContract } from '../../src/main/contracts/commands';
import { generateDue, occurrenceId } from '../../src/main/contracts/generator';
import { SYSTEM } from '../../src/main/core/context';
import type { ContractPreview, ServiceContract } from '../../src/shared/api/contracts';
import { addDays, dayIn, occurrences, zonedInstant } from '../../src/shared/domain/contract-schedule';
import { apiCalls } from '../support/dispatch';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * Service contracts: the API (and its refusals), and the generator: every occurrence owed made,
 * once, planned at its visit; none missed or made twice over random contracts and run times
 * (clocks that jump forward and back included), after a pause, after a deletion, and with two
 * generators (two processes) on the same database.
 */

const execFileP = promisify(execFile);
const NOW = new Date('2026-11-20T10:00:00Z');
let now = NOW.getTime();
let d: DemoApp;
let dispatch: Dispatch;
const caller: Caller = { transport: 'ipc', token: null };
const technician: Caller = { transport: 'ipc', token: null };
const admin: Caller = { transport: 'ipc', token: null };
const { ok, fails } = apiCalls(() => dispatch, () => caller);
let ref: { clientId: string; contactId: string; otherContactId: string; requestTypeId: string; teamId: string };

const one = <T>(sql: string, ...params: unknown[]) => d.app.ctx.raw.prepare(sql).pluck().get(...params) as T;
const madeDays = (contractId: string) =>
  (d.app.ctx.raw.prepare('SELECT contract_occurrence FROM interventions WHERE contract_id = ? ORDER BY contract_occurrence').pluck().all(contractId) as string[]);

async function login(c: Caller, who: string): Promise<void> {
  const r = await dispatch(c, 'auth.login', { login: who, password: 'demo' });
  if (!r.ok) throw new Error(r.error.message);
}

/** Moves the app's clock; a session idle that long has ended, so the operator logs in again. */
async function setNow(iso: string): Promise<void> {
  now = Date.parse(iso);
  await login(caller, 'operator');
  await login(admin, 'admin');
}

beforeAll(async () => {
  d = demoApp(300, NOW, () => now);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  await login(caller, 'operator');
  await login(technician, 'technician');
  // The demo opens its year and the one before; the runs here go into the next two.
  const period = d.app.ctx.raw.prepare('INSERT INTO working_periods (id, created_at, updated_at, version, start_date, end_date, open) VALUES (?, 0, 0, 1, ?, ?, 1)');
  period.run('wp-2027', '2027-01-01', '2027-12-31');
  period.run('wp-2028', '2028-01-01', '2028-12-31');
  const clientId = one<string>('SELECT client_id FROM contact_persons WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
  ref = {
    clientId,
    contactId: one<string>('SELECT id FROM contact_persons WHERE client_id = ? ORDER BY id LIMIT 1', clientId),
    otherContactId: one<string>('SELECT id FROM contact_persons WHERE client_id <> ? ORDER BY id LIMIT 1', clientId),
    requestTypeId: one<string>("SELECT id FROM request_types WHERE code = 'MNT-SCH'"),
    teamId: one<string>('SELECT id FROM teams ORDER BY id LIMIT 1'),
  };
}, 60_000);
afterAll(() => d.dispose());

const base = () => ({
  name: 'Boiler check',
  clientId: ref.clientId,
  contactPersonId: ref.contactId,
  requestTypeId: ref.requestTypeId,
  teamId: ref.teamId,
  priority: 2,
  rule: 'FREQ=MONTHLY;BYMONTHDAY=10',
  startDate: '2026-12-01',
  visitTime: '09:30',
  durationMinutes: 90,
  leadDays: 3,
});

describe('the contracts API', () => {
  it('monthly on the 10th with 3 lead days: made on the 7th, planned for the 10th at the visit time, in the zone', async () => {
    await setNow('2026-12-06T12:00:00Z');
    const c = await ok<ServiceContract>('contracts.create', base());
    expect(c).toMatchObject({ name: 'Boiler check', active: true, generated: 0, next: { day: '2026-12-10', generated: false }, requestTypeName: 'Scheduled service' });
    expect(madeDays(c.id)).toEqual([]);
    // The 7th: a round makes the 10th's intervention.
    await setNow('2026-12-07T00:30:00Z');
    d.app.contracts.round();
    expect(madeDays(c.id)).toEqual(['2026-12-10']);
    const made = d.app.ctx.raw.prepare('SELECT * FROM interventions WHERE contract_id = ?').get(c.id) as Record<string, unknown>;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(made).toMatchObject({
      id: occurrenceId(c.id, '2026-12-10'),
      client_id: ref.clientId,
      contact_person_id: ref.contactId,
      request_type_id: ref.requestTypeId,
      team_id: ref.teamId,
      source: 'schedule',
      status: 'taken',
      planned_start: zonedInstant('2026-12-10', '09:30', zone),
      planned_end: zonedInstant('2026-12-10', '09:30', zone) + 90 * 60_000,
      object_text: 'Boiler check',
    });
    // Rounds again: nothing twice.
    d.app.contracts.round();
    d.app.contracts.round();
    expect(madeDays(c.id)).toEqual(['2026-12-10']);
    expect((await ok<ServiceContract>('contracts.get', { id: c.id })).generated).toBe(1);
    // The client card's list.
    const mine = await ok<ServiceContract[]>('contracts.list', { clientId: ref.clientId });
    expect(mine.map((x) => x.id)).toContain(c.id);
  });

  it('refuses bad input, saying which field and why, and stores nothing', async () => {
    const before = one<number>('SELECT count(*) FROM service_contracts');
    const issue = async (patch: Record<string, unknown>) => (await fails('contracts.create', { ...base(), ...patch })).issues?.[0];
    expect(await issue({ rule: 'FREQ=FORTNIGHTLY' })).toMatchObject({ path: 'rule' });
    expect((await issue({ rule: 'FREQ=FORTNIGHTLY' }))?.message).toMatch(/valid RRULE/);
    expect(await issue({ rule: 'FREQ=MINUTELY' })).toMatchObject({ path: 'rule' });
    expect((await issue({ rule: 'FREQ=MINUTELY' }))?.message).toMatch(/at most daily/);
    expect(await issue({ endDate: '2026-11-01' })).toMatchObject({ path: 'endDate' });
    expect(await issue({ startDate: '2026-02-30' })).toMatchObject({ path: 'startDate', message: 'not a real date' });
    expect(await issue({ visitTime: '25:00' })).toMatchObject({ path: 'visitTime' });
    expect(await issue({ leadDays: -1 })).toMatchObject({ path: 'leadDays' });
    expect(await issue({ contactPersonId: ref.otherContactId })).toMatchObject({ path: 'contactPersonId', message: "not one of this client's contacts" });
    expect(await issue({ clientId: 'no-such-client' })).toMatchObject({ path: 'clientId' });
    expect(await issue({ name: '' })).toMatchObject({ path: 'name' });
    expect((await fails('contracts.create', { ...base(), surprise: 1 })).code).toBe('validation');
    expect(one<number>('SELECT count(*) FROM service_contracts')).toBe(before);
  });

  it('a round while the index worker holds the file (write gate held) makes nothing; the next round does', async () => {
    await setNow('2026-12-06T12:00:00Z');
    const c = await ok<ServiceContract>('contracts.create', { ...base(), name: 'Held back', rule: 'FREQ=MONTHLY;BYMONTHDAY=12', leadDays: 3 });
    // The 9th: the 12th's visit is due.
    await setNow('2026-12-09T06:00:00Z');
    d.app.ctx.writes.hold();
    try {
      expect(d.app.contracts.round()).toBe(0);
      expect(madeDays(c.id)).toEqual([]);
    } finally {
      d.app.ctx.writes.release();
    }
    d.app.contracts.round();
    expect(madeDays(c.id)).toEqual(['2026-12-12']);
  });

  it('a technician reads contracts but may not write them: main refuses', async () => {
    await login(technician, 'technician');
    await ok('contracts.list', {}, technician);
    expect((await fails('contracts.create', base(), technician)).code).toBe('forbidden');
  });

  it('a paused contract makes nothing, nor the visits of its pause once resumed', async () => {
    await setNow('2026-12-06T12:00:00Z');
    const c = await ok<ServiceContract>('contracts.create', { ...base(), name: 'Paused', rule: 'FREQ=WEEKLY;BYDAY=MO', leadDays: 0 });
    const paused = await ok<ServiceContract>('contracts.setActive', { id: c.id, version: c.version, active: false });
    expect(paused.active).toBe(false);
    await setNow('2026-12-30T12:00:00Z');
    d.app.contracts.round();
    expect(madeDays(c.id)).toEqual([]);
    await ok('contracts.setActive', { id: c.id, version: paused.version, active: true });
    // Resumed on the 30th (a Wednesday): the next Monday is the first visit owed.
    await setNow('2027-01-04T06:00:00Z');
    d.app.contracts.round();
    expect(madeDays(c.id)).toEqual(['2027-01-04']);
  });

  it('an occurrence a dispatcher deleted is not made again', async () => {
    await setNow('2026-12-06T12:00:00Z');
    const c = await ok<ServiceContract>('contracts.create', { ...base(), name: 'Deleted visit', rule: 'FREQ=MONTHLY;BYMONTHDAY=8', leadDays: 5 });
    expect(madeDays(c.id)).toEqual(['2026-12-08']);
    const id = occurrenceId(c.id, '2026-12-08');
    const version = one<number>('SELECT version FROM interventions WHERE id = ?', id);
    await ok('interventions.delete', { id, version });
    d.app.contracts.round();
    expect(one<number>('SELECT count(*) FROM interventions WHERE contract_id = ? AND deleted_at IS NULL', c.id)).toBe(0);
  });

  it('a visit that cannot be made (its day has no open working period) is said on the contract, and made once the period opens', async () => {
    await setNow('2029-03-01T08:00:00Z');
    const c = await ok<ServiceContract>('contracts.create', { ...base(), name: 'No period yet', rule: 'FREQ=MONTHLY;BYMONTHDAY=5', startDate: '2029-03-01', leadDays: 7 });
    expect(madeDays(c.id)).toEqual([]);
    expect(c.problem).toMatchObject({ day: '2029-03-05' });
    expect(c.problem?.message).toMatch(/outside the open working period/);
    await ok('admin.periods.create', { startDate: '2029-01-01', endDate: '2029-12-31' }, admin);
    d.app.contracts.round();
    expect(madeDays(c.id)).toEqual(['2029-03-05']);
    expect((await ok<ServiceContract>('contracts.get', { id: c.id })).problem).toBeNull();
  });

  it("previews the visits not made yet, each with the day it will be made", async () => {
    await setNow('2026-12-06T12:00:00Z');
    const c = await ok<ServiceContract>('contracts.create', { ...base(), name: 'Preview', rule: 'FREQ=MONTHLY;BYMONTHDAY=20', leadDays: 2 });
    const previews = await ok<ContractPreview[]>('contracts.preview', { from: Date.parse('2026-12-01T00:00:00Z'), to: Date.parse('2027-02-28T00:00:00Z') });
    const mine = previews.filter((p) => p.contractId === c.id);
    expect(mine.map((p) => [p.day, p.createsOn])).toEqual([
      ['2026-12-20', '2026-12-18'],
      ['2027-01-20', '2027-01-18'],
      ['2027-02-20', '2027-02-18'],
    ]);
    // Once made, it is an intervention on the calendar, not a preview.
    await setNow('2026-12-18T08:00:00Z');
    d.app.contracts.round();
    const after = (await ok<ContractPreview[]>('contracts.preview', { from: Date.parse('2026-12-01T00:00:00Z'), to: Date.parse('2027-02-28T00:00:00Z') })).filter((p) => p.contractId === c.id);
    expect(after.map((p) => p.day)).toEqual(['2027-01-20', '2027-02-20']);
    expect((await fails('contracts.preview', { from: 0, to: 200 * 86_400_000 })).issues?.[0]?.path).toBe('to');
  });
});

describe('the generator', () => {
  const RULES = ['FREQ=WEEKLY;BYDAY=TU', 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1', 'FREQ=DAILY;INTERVAL=9'];
  const ZONES = ['Europe/Bucharest', 'Europe/Lisbon', 'America/Sao_Paulo'];
  const DAY = 86_400_000;

  it('makes every occurrence owed, once, over random contracts and runs (clocks jumping back and forth)', () => {
    const s = d.app.ctx;
    fc.assert(
      fc.property(
        fc.constantFrom(...RULES),
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: -40 * DAY, max: 60 * DAY }), { minLength: 1, maxLength: 8 }),
        (rule, startOffset, length, leadDays, zone, steps) => {
          const created = Date.parse('2027-03-01T10:00:00Z');
          const today = dayIn(created, zone);
          const startDate = addDays('2027-01-01', startOffset);
          const endDate = length === null ? null : addDays(startDate, length);
          const id = createContract(s, SYSTEM, { ...base(), name: 'fc', rule, startDate, endDate, leadDays, contactPersonId: null, assetId: null, objectText: null, notes: null, priority: 1 }, today);
          // Runs at random instants: forward, back (a clock corrected), and forward again.
          let at = created;
          // The latest day a run saw (a run before the contract was made counts too: its clock says so).
          let furthest = '0001-01-01';
          for (const step of steps) {
            at += step;
            const day = dayIn(at, zone);
            if (day > furthest) furthest = day;
            generateDue(s, at, zone);
          }
          const generateFrom = startDate > today ? startDate : today;
          const owed = occurrences({ rule, startDate, endDate }, generateFrom, addDays(furthest, leadDays));
          // A run before the contract existed (a clock set back past it) still owes nothing earlier.
          expect(madeDays(id)).toEqual(owed);
          for (const day of owed) {
            expect(one<number>('SELECT planned_start FROM interventions WHERE id = ?', occurrenceId(id, day))).toBe(zonedInstant(day, '09:30', zone));
          }
          // Out of the way of the next case.
          s.raw.prepare('UPDATE service_contracts SET active = 0 WHERE id = ?').run(id);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('two generators (two processes) on the same database make each occurrence once', async () => {
    const s = d.app.ctx;
    const today = '2027-06-01';
    const ids = Array.from({ length: 6 }, (_, i) =>
      createContract(s, SYSTEM, { ...base(), name: `race ${i}`, rule: RULES[i % RULES.length]!, startDate: '2027-06-01', endDate: null, leadDays: 30, contactPersonId: null, assetId: null, objectText: null, notes: null, priority: 1 }, today),
    );
    const script = 'test/support/contract-generator-process.ts';
    const runs = ['2027-06-01T08:00:00Z', '2027-06-20T08:00:00Z', '2027-07-15T08:00:00Z'];
    const outputs = await Promise.all(
      [0, 1].map(() =>
        execFileP('npx', ['tsx', script, d.app.identity.dbPath, 'Europe/Bucharest', ...runs], { timeout: 60_000 }).catch((e: { stderr?: string; message: string }) => {
          // The child's own words (its stack carries tsx's inline source maps, which vitest cannot read).
          throw new Error(`the second generator failed: ${(e.stderr ?? e.message).split('\n').filter((l) => /Error/.test(l)).slice(0, 3).join(' | ')}`);
        }),
      ),
    );
    const made = outputs.map((o) => Number(o.stdout.trim()));
    let owedTotal = 0;
    for (const id of ids) {
      const c = s.raw.prepare('SELECT rule, start_date AS startDate, end_date AS endDate FROM service_contracts WHERE id = ?').get(id) as { rule: string; startDate: string; endDate: string | null };
      const owed = occurrences(c, '2027-06-01', addDays('2027-07-15', 30));
      expect(madeDays(id)).toEqual(owed);
      owedTotal += owed.length;
    }
    // Between them they made each once: what one made the other found made (or lost the race on the key).
    expect(made[0]! + made[1]!).toBe(owedTotal);
    for (const id of ids) s.raw.prepare('UPDATE service_contracts SET active = 0 WHERE id = ?').run(id);
  }, 120_000);
});
