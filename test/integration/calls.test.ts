import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { apiCalls } from '../support/dispatch';
import type { ScreenPop, SipAccountView, SipConnection } from '../../src/shared/api/calls';
import type { CallRow } from '../../src/shared/api/call-log';
import { formatPhone } from '../../src/shared/domain/phone';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * The calls capability through the dispatcher, as a softphone uses it: the SIP account (the
 * password sealed, never given back; the page gets the digest's HA1), the screen pop of a caller
 * however the number is written, and the call log with who may write what.
 */

let d: DemoApp;
let dispatch: Dispatch;
const callers: Record<'admin' | 'operator' | 'supervisor' | 'technician', Caller> = {
  admin: { transport: 'ipc', token: null },
  operator: { transport: 'ipc', token: null },
  supervisor: { transport: 'ipc', token: null },
  technician: { transport: 'http', token: null },
};
const SERVER = 'ws://127.0.0.1:5066';

const { ok, fails } = apiCalls(() => dispatch, () => callers.operator);

beforeAll(async () => {
  d = demoApp(300);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const [login, caller] of Object.entries(callers)) {
    const r = await dispatch(caller, 'auth.login', { login, password: 'demo' });
    if (!r.ok) throw new Error(`login ${login}: ${r.error.message}`);
  }
  await ok('settings.update', { telephonyServers: [SERVER], phoneRegion: 'RO' }, callers.admin);
}, 60_000);
afterAll(() => d.dispose());

const account = { wsUrl: SERVER, sipUri: 'sip:1001@127.0.0.1', authUser: '1001', displayName: 'Desk 1' };

describe('the SIP account', () => {
  it('is saved with a password that never comes back; the softphone gets the HA1 of the digest', async () => {
    expect(await ok('calls.account.get', {})).toBeNull();
    expect((await fails('calls.account.save', account)).issues).toEqual([{ path: 'password', message: 'required' }]);
    const saved = await ok<SipAccountView>('calls.account.save', { ...account, password: 'sekret-1001' });
    expect(saved).toEqual({ ...account, realm: '', iceServers: [], iceTimeoutMs: 1500, hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain('sekret');
    // Sealed in the database file: neither the password nor its digest is readable there.
    const stored = d.app.ctx.raw.prepare('SELECT password_sealed FROM sip_accounts').pluck().get() as string;
    expect(stored).toMatch(/^k1:/);
    expect(readFileSync(d.app.identity.dbPath).includes(Buffer.from('sekret-1001'))).toBe(false);
    expect(statSync(join(d.dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const conn = await ok<SipConnection>('calls.account.connect', {});
    expect(conn.ha1).toBe(createHash('md5').update('1001:127.0.0.1:sekret-1001').digest('hex'));
    expect(conn.realm).toBe('127.0.0.1');
    expect(JSON.stringify(conn)).not.toContain('sekret');
    // Saved again without a password: the one kept stays.
    await ok('calls.account.save', { ...account, displayName: 'Desk one', realm: 'pbx.test' });
    expect((await ok<SipConnection>('calls.account.connect', {})).ha1).toBe(createHash('md5').update('1001:pbx.test:sekret-1001').digest('hex'));
  });

  it('refuses a server an administrator did not allow, and bad addresses, each with its field', async () => {
    const other = await fails('calls.account.save', { ...account, wsUrl: 'wss://evil.example.com/ws', password: 'x' });
    expect(other.message).toContain('not among the telephony servers');
    expect(other.issues?.[0]?.path).toBe('wsUrl');
    // Plain ws only on this machine: the registration and the password digest would travel unencrypted.
    const plain = await fails('calls.account.save', { ...account, wsUrl: 'ws://10.0.0.5:8088', password: 'x' });
    expect(plain.issues?.[0]?.path).toBe('wsUrl');
    expect((await fails('calls.account.save', { ...account, sipUri: '1001', password: 'x' })).issues?.[0]?.path).toBe('sipUri');
    expect((await fails('calls.account.save', { ...account, iceServers: ['http://stun'], password: 'x' })).issues?.[0]?.path).toBe('iceServers.0');
    expect((await fails('calls.account.save', { ...account, iceTimeoutMs: 50, password: 'x' })).issues?.[0]?.path).toBe('iceTimeoutMs');
    expect((await fails('settings.update', { telephonyServers: ['http://127.0.0.1:1'] }, callers.admin)).issues?.[0]?.path).toBe('telephonyServers.0');
    // An operator may not allow servers.
    expect((await fails('settings.update', { telephonyServers: ['wss://x.example.com'] })).code).toBe('forbidden');
  });

  it('is each user\'s own; a technician has no softphone', async () => {
    expect(await ok('calls.account.get', {}, callers.supervisor)).toBeNull();
    expect((await fails('calls.account.get', {}, callers.technician)).code).toBe('forbidden');
    expect((await fails('calls.lookup', { number: '0721000000' }, callers.technician)).code).toBe('forbidden');
  });
});

describe('the screen pop', () => {
  it('finds the client however the caller ID is written', async () => {
    const c = d.app.ctx.raw.prepare("SELECT id, name, phone FROM clients WHERE country = 'RO' AND phone LIKE '+40%' AND deleted_at IS NULL ORDER BY id LIMIT 1").get() as { id: string; name: string; phone: string };
    const national = '0' + c.phone.slice(3);
    const spaced = formatPhone(c.phone);
    for (const n of [c.phone, national, spaced, '00' + c.phone.slice(1), ` ${national.slice(0, 4)}-${national.slice(4)} `]) {
      const pop = await ok<ScreenPop>('calls.lookup', { number: n });
      expect(pop.e164, n).toBe(c.phone);
      expect(pop.client?.id, n).toBe(c.id);
    }
  });

  it('names the contact person whose own phone it is, with the client\'s open interventions', async () => {
    const cp = d.app.ctx.raw
      .prepare('SELECT cp.id, cp.name, cp.phone, cp.client_id AS clientId FROM contact_persons cp WHERE cp.phone IS NOT NULL AND cp.deleted_at IS NULL ORDER BY cp.id LIMIT 1')
      .get() as { id: string; name: string; phone: string; clientId: string };
    const pop = await ok<ScreenPop>('calls.lookup', { number: cp.phone });
    expect(pop.client?.id).toBe(cp.clientId);
    expect(pop.contact).toMatchObject({ id: cp.id, name: cp.name });
    const open = d.app.ctx.raw
      .prepare("SELECT count(*) FROM interventions WHERE client_id = ? AND deleted_at IS NULL AND status NOT IN ('finalized', 'cancelled')")
      .pluck()
      .get(cp.clientId) as number;
    expect(pop.openInterventions.length).toBe(Math.min(open, 8));
    for (const i of pop.openInterventions) expect(['taken', 'allocated', 'confirmed']).toContain(i.status);
  });

  it('answers an unknown or unreadable number plainly', async () => {
    const unknown = await ok<ScreenPop>('calls.lookup', { number: '+40 799 999 999' });
    expect(unknown.e164).toBe('+40799999999');
    expect(unknown.client).toBeNull();
    const garbage = await ok<ScreenPop>('calls.lookup', { number: 'anonymous' });
    expect(garbage).toMatchObject({ e164: null, client: null });
    expect((await fails('calls.lookup', { number: '' })).issues?.[0]?.path).toBe('number');
    expect((await fails('calls.lookup', { number: '0721\u0000' })).code).toBe('validation');
  });
});

describe('the call log', () => {
  it('records a call from ringing to its end with main\'s clock, links it, and lists it', async () => {
    const c = d.app.ctx.raw.prepare("SELECT id, phone FROM clients WHERE phone LIKE '+40%' AND deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET 3").get() as { id: string; phone: string };
    const { id, pop } = await ok<{ id: string; pop: ScreenPop }>('calls.begin', { direction: 'in', number: c.phone, sipCallId: 'abc@host' });
    expect(pop.client?.id).toBe(c.id);
    await ok('calls.progress', { id, event: 'answered' });
    const ended = await ok<CallRow>('calls.progress', { id, event: 'ended' });
    expect(ended).toMatchObject({ direction: 'in', clientId: c.id, outcome: 'answered', durationS: 0 });
    const intervention = d.app.ctx.raw.prepare('SELECT id FROM interventions WHERE client_id = ? LIMIT 1').pluck().get(c.id) as string;
    const linked = await ok<CallRow>('calls.link', { id, interventionId: intervention });
    expect(linked.interventionId).toBe(intervention);
    const list = await ok<{ rows: CallRow[]; total: number }>('calls.list', { filters: { mine: true } });
    expect(list.rows[0]!.id).toBe(id);
    // The next call of this client shows it among the last calls.
    const again = await ok<ScreenPop>('calls.lookup', { number: c.phone });
    expect(again.lastCalls[0]).toMatchObject({ id, direction: 'in', outcome: 'answered' });
  });

  it('keeps a missed call until someone deals with it', async () => {
    const { id } = await ok<{ id: string }>('calls.begin', { direction: 'in', number: '+40799000111' });
    const missed = await ok<CallRow>('calls.progress', { id, event: 'ended' });
    expect(missed.outcome).toBe('missed');
    expect((await ok<{ rows: CallRow[] }>('calls.list', { filters: { unhandled: true } })).rows.map((r) => r.id)).toContain(id);
    // Any operator may mark it dealt with (the one who calls back).
    await ok('calls.handled', { id }, callers.supervisor);
    expect((await ok<{ rows: CallRow[] }>('calls.list', { filters: { unhandled: true } })).rows.map((r) => r.id)).not.toContain(id);
    const answered = (await ok<{ id: string }>('calls.begin', { direction: 'out', number: '0721000001' })).id;
    expect((await fails('calls.handled', { id: answered })).message).toContain('Only a missed call');
    // The log's filters: direction, outcome, and the days the call started in.
    const started = (await ok<{ rows: CallRow[] }>('calls.list', { filters: { outcomes: ['missed'] } })).rows.find((r) => r.id === id)!.startedAt;
    expect((await ok<{ rows: CallRow[] }>('calls.list', { filters: { direction: 'out' } })).rows.every((r) => r.direction === 'out')).toBe(true);
    expect((await ok<{ rows: CallRow[] }>('calls.list', { filters: { direction: 'in', outcomes: ['missed'], from: started, to: started + 1 } })).rows.map((r) => r.id)).toEqual([id]);
    expect((await ok<{ total: number }>('calls.list', { filters: { outcomes: ['missed'], from: started + 1 } })).total).toBe(0);
    expect((await fails('calls.list', { filters: { outcomes: ['lost'] } })).code).toBe('validation');
  });

  it('lets only the call\'s operator record how it went; a page that died leaves no call open', async () => {
    const { id } = await ok<{ id: string }>('calls.begin', { direction: 'out', number: '0721000002' });
    expect((await fails('calls.progress', { id, event: 'answered' }, callers.supervisor)).code).toBe('forbidden');
    expect((await fails('calls.progress', { id: 'nope', event: 'answered' })).code).toBe('not_found');
    expect((await fails('calls.progress', { id, event: 'ended', outcome: 'answered' })).message).toContain('never answered');
    expect((await fails('calls.progress', { id, event: 'hung' })).code).toBe('validation');
    // The operator's page died: the next call closes this one, as failed (it was never answered).
    const next = await ok<{ id: string }>('calls.begin', { direction: 'in', number: '0721000003' });
    const rows = (await ok<{ rows: CallRow[] }>('calls.list', { limit: 500 })).rows;
    expect(rows.find((r) => r.id === id)).toMatchObject({ outcome: 'failed' });
    expect(rows.find((r) => r.id === id)?.endedAt).not.toBeNull();
    expect(rows.find((r) => r.id === next.id)?.endedAt).toBeNull();
    expect((await fails('calls.link', { id: next.id, interventionId: 'missing' })).code).toBe('not_found');
  });

  it('names the client a caller turned out to be, from the quick-add or the intervention made from the call', async () => {
    const { id } = await ok<{ id: string }>('calls.begin', { direction: 'in', number: '+40799555001' });
    const client = d.app.ctx.raw.prepare('SELECT id FROM clients ORDER BY id LIMIT 1 OFFSET 7').pluck().get() as string;
    const contact = d.app.ctx.raw.prepare('SELECT id FROM contact_persons WHERE client_id <> ? LIMIT 1').pluck().get(client) as string | undefined;
    if (contact) expect((await fails('calls.client', { id, clientId: client, contactPersonId: contact })).issues?.[0]?.path).toBe('contactPersonId');
    expect((await fails('calls.client', { id, clientId: 'nobody' })).code).toBe('not_found');
    expect((await fails('calls.client', { id, clientId: client }, callers.supervisor)).code).toBe('forbidden');
    expect(await ok<CallRow>('calls.client', { id, clientId: client })).toMatchObject({ clientId: client, contactName: null });
    // Linked to an intervention of another client, the call keeps the client it has.
    const other = d.app.ctx.raw.prepare('SELECT id FROM interventions WHERE client_id <> ? AND deleted_at IS NULL LIMIT 1').pluck().get(client) as string;
    expect((await ok<CallRow>('calls.link', { id, interventionId: other })).clientId).toBe(client);
    // An unknown caller's call linked to an intervention takes its client.
    const unknown = (await ok<{ id: string }>('calls.begin', { direction: 'in', number: '+40799555002' })).id;
    const target = d.app.ctx.raw.prepare('SELECT id, client_id AS clientId FROM interventions WHERE client_id IS NOT NULL AND deleted_at IS NULL LIMIT 1').get() as { id: string; clientId: string };
    expect((await ok<CallRow>('calls.link', { id: unknown, interventionId: target.id })).clientId).toBe(target.clientId);
  });

  it('groups the filtered log with counts that add up to the rows each group opens to', async () => {
    for (const by of ['day', 'operator', 'outcome', 'client', 'direction'] as const) {
      const { groups, total } = await ok<{ groups: { key: string | null; label: string | null; count: number }[]; total: number }>('calls.groups', { filters: {}, by, tzOffsetMinutes: 120 });
      expect(total).toBe((await ok<{ total: number }>('calls.list', { limit: 1 })).total);
      for (const g of groups) {
        const opened = await ok<{ rows: CallRow[]; total: number }>('calls.list', { filters: { group: { by, key: g.key } }, tzOffsetMinutes: 120, limit: 500 });
        expect(opened.total, `${by} ${g.key}`).toBe(g.count);
        if (by === 'outcome') expect(opened.rows.every((r) => r.outcome === g.key)).toBe(true);
      }
    }
    const outcomes = (await ok<{ groups: { key: string }[] }>('calls.groups', { filters: {}, by: 'outcome' })).groups.map((g) => g.key);
    expect(outcomes.indexOf('answered')).toBeLessThan(outcomes.indexOf('missed'));
    // Narrowed by a filter; an open group's own filter leaves the group list whole.
    const inbound = await ok<{ groups: { key: string }[] }>('calls.groups', { filters: { direction: 'in', group: { by: 'direction', key: 'in' } }, by: 'direction' });
    expect(inbound.groups.map((g) => g.key)).toEqual(['in']);
    expect((await fails('calls.groups', { filters: {}, by: 'colour' })).code).toBe('validation');
  });

  it('exports the filtered log with the columns shown, in the user\'s words', async () => {
    const input = {
      filters: { direction: 'in' },
      tzOffsetMinutes: 0,
      format: 'csv',
      columns: ['startedAt', 'number', 'duration', 'outcome', 'recording'],
      headers: ['Started', 'Number', 'Duration', 'Outcome', 'Recorded'],
      outcomeLabels: { ringing: 'Ringing', answered: 'Answered', missed: 'Missed', rejected: 'Rejected', failed: 'Failed', transferred: 'Transferred' },
      directionLabels: { in: 'Incoming', out: 'Outgoing' },
      yesNo: ['yes', 'no'],
    };
    const done = new Promise<void>((resolve) => {
      const stop = d.app.ctx.events.subscribe((event, payload) => {
        if (event === 'export.progress' && (payload as { finished?: boolean }).finished) {
          stop();
          resolve();
        }
      });
    });
    const started = await ok<{ exportId: string; total: number }>('calls.export', input);
    await done;
    expect(started.total).toBe((await ok<{ total: number }>('calls.list', { filters: { direction: 'in' }, limit: 1 })).total);
    const me = await ok<{ userId: string }>('session.me', {});
    const file = d.app.exports.download(started.exportId, me.userId)!;
    expect(file.fileName).toMatch(/^calls-\d{12}\.csv$/);
    const lines = readFileSync(file.path, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Started,Number,Duration,Outcome,Recorded');
    expect(lines).toHaveLength(started.total + 1);
    expect(lines.slice(1).every((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d,/.test(l) && /,(Answered|Missed|Rejected|Failed|Transferred|Ringing),(yes|no)$/.test(l))).toBe(true);
    // Bad input: a header missing, a column twice, a column nobody knows.
    expect((await fails('calls.export', { ...input, headers: ['Started'] })).code).toBe('validation');
    expect((await fails('calls.export', { ...input, columns: ['number', 'number', 'duration', 'outcome', 'recording'] })).code).toBe('validation');
    expect((await fails('calls.export', { ...input, columns: ['secret', 'number', 'duration', 'outcome', 'recording'] })).code).toBe('validation');
  });
});
