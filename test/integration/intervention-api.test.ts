import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { apiCalls } from '../support/dispatch';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { HistoryEntry } from '../../src/shared/api/audit';
import type { InterventionDetail } from '../../src/shared/api/interventions';
import type { InterventionMessage } from '../../src/shared/api/thread';
import { TAKE_NUMBER_SQL } from '../../src/main/numbering/series';

let d: DemoApp;
let dispatch: Dispatch;
const callers: Record<'admin' | 'operator' | 'technician' | 'auditor', Caller> = {
  admin: { transport: 'ipc', token: null },
  operator: { transport: 'ipc', token: null },
  technician: { transport: 'http', token: null },
  auditor: { transport: 'ipc', token: null },
};

const sql = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;
const all = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).all(...p) as T[];

const { ok, fails } = apiCalls(() => dispatch, () => callers.operator);

/** References from the demo database. */
let ref: {
  clientId: string;
  contactId: string;
  assetId: string;
  otherClientId: string;
  otherContactId: string;
  otherAssetId: string;
  typeId: string;
  inactiveTypeId: string;
  techPersonId: string;
  otherTechId: string;
  teamId: string;
  verifierId: string;
  operatorPersonId: string;
  seriesId: string;
};

beforeAll(async () => {
  d = demoApp(200);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const [login, caller] of Object.entries(callers)) {
    const r = await dispatch(caller, 'auth.login', { login, password: 'demo' });
    expect(r.ok, login).toBe(true);
  }
  const withBoth = all<{ id: string }>(
    `SELECT c.id FROM clients c WHERE c.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM contact_persons p WHERE p.client_id = c.id AND p.deleted_at IS NULL)
       AND EXISTS (SELECT 1 FROM client_assets a WHERE a.client_id = c.id AND a.deleted_at IS NULL) ORDER BY c.id LIMIT 2`,
  );
  expect(withBoth).toHaveLength(2);
  const [c1, c2] = withBoth.map((c) => c.id) as [string, string];
  const contactOf = (c: string) => sql<{ id: string }>('SELECT id FROM contact_persons WHERE client_id = ? AND deleted_at IS NULL LIMIT 1', c).id;
  const assetOf = (c: string) => sql<{ id: string }>('SELECT id FROM client_assets WHERE client_id = ? AND deleted_at IS NULL LIMIT 1', c).id;
  const techPersonId = sql<{ person_id: string }>("SELECT person_id FROM users WHERE login = 'technician'").person_id;
  const teamId = sql<{ team_id: string }>('SELECT team_id FROM team_members WHERE person_id = ? AND deleted_at IS NULL LIMIT 1', techPersonId).team_id;
  const otherTechId = sql<{ person_id: string }>('SELECT person_id FROM team_members WHERE team_id = ? AND person_id <> ? LIMIT 1', teamId, techPersonId).person_id;
  const typeId = sql<{ id: string }>('SELECT id FROM request_types WHERE active = 1 AND deleted_at IS NULL ORDER BY depth DESC, id LIMIT 1').id;
  const inactiveTypeId = sql<{ id: string }>('SELECT id FROM request_types WHERE id <> ? AND depth = 1 LIMIT 1', typeId).id;
  d.app.ctx.raw.prepare('UPDATE request_types SET active = 0 WHERE id = ?').run(inactiveTypeId);
  ref = {
    clientId: c1,
    contactId: contactOf(c1),
    assetId: assetOf(c1),
    otherClientId: c2,
    otherContactId: contactOf(c2),
    otherAssetId: assetOf(c2),
    typeId,
    inactiveTypeId,
    techPersonId,
    otherTechId,
    teamId,
    verifierId: sql<{ id: string }>('SELECT id FROM personnel WHERE is_verifier = 1 AND deleted_at IS NULL LIMIT 1').id,
    operatorPersonId: sql<{ person_id: string }>("SELECT person_id FROM users WHERE login = 'operator'").person_id,
    seriesId: sql<{ id: string }>("SELECT id FROM series WHERE doc_type = 'intervention'").id,
  };
});
afterAll(() => d.dispose());

const base = () => ({
  docDate: '2026-11-20',
  clientId: ref.clientId,
  contactPersonId: ref.contactId,
  requestTypeId: ref.typeId,
  priority: 2,
  objectKind: 'text',
  objectText: 'Boiler leaks in the basement',
  takenById: ref.operatorPersonId,
});
const nextNumber = () => sql<{ n: number }>('SELECT next_number AS n FROM series WHERE id = ?', ref.seriesId).n;
const plan = () => ({ plannedStart: Date.UTC(2026, 10, 23, 8), plannedEnd: Date.UTC(2026, 10, 23, 12), teamId: ref.teamId, verifierId: ref.verifierId });

describe('creating an intervention', () => {
  it('drafts without a number and numbers it on validation, from the series', async () => {
    const before = nextNumber();
    const draft = await ok<InterventionDetail>('interventions.create', base());
    expect(draft).toMatchObject({ status: 'taken', valid: false, number: null, fullNumber: null, clientId: ref.clientId, seriesId: ref.seriesId });
    expect(draft.clientName.length).toBeGreaterThan(0);
    expect(draft.requestTypePath.length).toBeGreaterThan(0);
    expect(draft.takenByName).toBeTruthy();
    expect(draft.contactPersonName).toBeTruthy();
    expect(nextNumber()).toBe(before);

    const validated = await ok<InterventionDetail>('interventions.validate', { id: draft.id, version: draft.version });
    expect(validated).toMatchObject({ valid: true, number: before, fullNumber: `INT-${before}` });
    expect((await fails('interventions.validate', { id: draft.id, version: validated.version })).message).toMatch(/already validated/);

    const direct = await ok<InterventionDetail>('interventions.create', { ...base(), validate: true });
    expect(direct).toMatchObject({ valid: true, number: before + 1 });
    expect(nextNumber()).toBe(before + 2);
  });

  it('refuses a date outside the open working period, with a clear message, and takes no number', async () => {
    const before = nextNumber();
    const e = await fails('interventions.create', { ...base(), docDate: '2024-03-01', validate: true });
    expect(e.code).toBe('validation');
    expect(e.message).toBe('The date 2024-03-01 is outside the open working period.');
    expect(e.issues).toEqual([{ path: 'docDate', message: 'outside the open working period' }]);
    expect(nextNumber()).toBe(before);
  });

  it('answers bad input with the field that is wrong, and keeps script tags as text', async () => {
    const cases: [unknown, string][] = [
      [{}, 'docDate'],
      [{ ...base(), clientId: '' }, 'clientId'],
      [{ ...base(), docDate: '2026-02-30' }, 'docDate'],
      [{ ...base(), docDate: 20261120 }, 'docDate'],
      [{ ...base(), priority: 5 }, 'priority'],
      [{ ...base(), priority: '2' }, 'priority'],
      [{ ...base(), notes: 'x'.repeat(4001) }, 'notes'],
      [{ ...base(), notes: 'bell\u0007' }, 'notes'],
      [{ ...base(), objectKind: 'car' }, 'objectKind'],
      [{ ...base(), confirmed: 'yes' }, 'confirmed'],
      [{ ...base(), plannedStart: Date.UTC(2026, 10, 23, 12), plannedEnd: Date.UTC(2026, 10, 23, 8) }, 'plannedEnd'],
      [{ ...base(), plannedStart: 5 }, 'plannedStart'],
      [{ ...base(), extra: 1 }, 'extra'],
      [{ ...base(), clientId: 'no-such-client' }, 'clientId'],
      [{ ...base(), contactPersonId: ref.otherContactId }, 'contactPersonId'],
      [{ ...base(), requestTypeId: 'no-such-type' }, 'requestTypeId'],
      [{ ...base(), requestTypeId: ref.inactiveTypeId }, 'requestTypeId'],
      [{ ...base(), objectKind: 'asset', assetId: ref.otherAssetId }, 'assetId'],
      [{ ...base(), objectKind: 'asset' }, 'assetId'],
      [{ ...base(), objectKind: 'product', productId: 'nope' }, 'productId'],
      [{ ...base(), verifierId: 'nobody' }, 'verifierId'],
      [{ ...base(), teamId: 'no-team' }, 'teamId'],
    ];
    for (const [input, path] of cases) {
      const e = await fails('interventions.create', input);
      expect(e.code, JSON.stringify(input).slice(0, 200)).toBe('validation');
      expect(e.issues?.map((i) => i.path), JSON.stringify(input).slice(0, 200)).toContain(path);
    }
    for (const bad of [null, 42, 'text', []]) expect((await fails('interventions.create', bad)).code).toBe('validation');
    expect((await fails('interventions.get', { id: 'missing' })).code).toBe('not_found');

    const script = '<script>alert("x")</script> & <b>bold</b>';
    const stored = await ok<InterventionDetail>('interventions.create', { ...base(), notes: `  ${script}  `, objectText: script });
    expect(stored.notes).toBe(script);
    expect((await ok<InterventionDetail>('interventions.get', { id: stored.id })).objectText).toBe(script);
  });

  it('fills serial/lot and the product from the client’s asset', async () => {
    const asset = sql<{ serial: string | null; lot: string | null; product_id: string }>('SELECT serial, lot, product_id FROM client_assets WHERE id = ?', ref.assetId);
    const x = await ok<InterventionDetail>('interventions.create', { ...base(), objectKind: 'asset', assetId: ref.assetId, objectText: null });
    expect(x).toMatchObject({ objectKind: 'asset', assetId: ref.assetId, productId: asset.product_id });
    expect(x.serialLot).toBe([asset.serial, asset.lot].filter(Boolean).join(' / ') || null);
    expect(x.productName).toBeTruthy();
  });
});

describe('the status workflow', () => {
  it('runs taken → allocated → confirmed → finalized, then is read-only except for messages', async () => {
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), validate: true });
    expect(x.status).toBe('taken');
    expect((await fails('interventions.finalize', { id: x.id, version: x.version, resolution: 'done' })).message).toMatch(/Plan it before finalizing/);

    x = await ok<InterventionDetail>('interventions.update', { id: x.id, version: x.version, patch: plan() });
    expect(x.status).toBe('allocated');
    expect(x.teamName && x.verifierName).toBeTruthy();

    x = await ok<InterventionDetail>('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.techPersonId] });
    expect(x.technicians).toEqual([expect.objectContaining({ personId: ref.techPersonId, answer: 'pending' })]);
    expect(x.status).toBe('allocated');

    // The operator is not on it: they cannot answer for the technician.
    expect((await fails('interventions.answer', { id: x.id, answer: 'accepted' }, callers.operator)).code).toBe('forbidden');
    x = await ok<InterventionDetail>('interventions.answer', { id: x.id, answer: 'accepted' }, callers.technician);
    expect(x.status).toBe('confirmed');
    expect(x.technicians[0]?.answer).toBe('accepted');
    expect(typeof x.technicians[0]?.answeredAt).toBe('number');

    expect((await fails('interventions.finalize', { id: x.id, version: x.version, resolution: '   ' })).code).toBe('validation');
    x = await ok<InterventionDetail>('interventions.finalize', { id: x.id, version: x.version, resolution: 'Replaced the valve.' });
    expect(x).toMatchObject({ status: 'finalized', resolution: 'Replaced the valve.' });
    expect(typeof x.finalizedAt).toBe('number');

    const refused = await fails('interventions.update', { id: x.id, version: x.version, patch: { notes: 'late' } });
    // Refused for what it is (closed), not reported as someone else's change.
    expect(refused).toMatchObject({ code: 'refused', message: 'A finalized intervention is read-only; add a message instead.', refusal: { reason: 'closed', status: 'finalized' } });
    expect((await fails('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [] })).code).toBe('refused');
    expect((await fails('interventions.answer', { id: x.id, answer: 'rejected', reason: 'too late' }, callers.technician)).code).toBe('refused');
    expect((await fails('interventions.cancel', { id: x.id, version: x.version, reason: 'no' })).code).toBe('refused');
    expect((await fails('interventions.finalize', { id: x.id, version: x.version, resolution: 'again' })).code).toBe('refused');

    const note = await ok<InterventionMessage>('interventions.messages.add', { id: x.id, body: 'Client called to thank us.' });
    expect(note).toMatchObject({ kind: 'note', body: 'Client called to thank us.', personId: ref.operatorPersonId });
    const after = await ok<InterventionDetail>('interventions.get', { id: x.id });
    expect(after.version).toBe(x.version);
  });

  it('goes back to taken on a rejection, with a reason, and tells the operator in the thread', async () => {
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan(), validate: true });
    x = await ok<InterventionDetail>('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.techPersonId, ref.otherTechId] });
    expect(x.status).toBe('allocated');
    const noReason = await fails('interventions.answer', { id: x.id, answer: 'rejected' }, callers.technician);
    expect(noReason.code).toBe('validation');
    expect(noReason.issues?.[0]?.path).toBe('reason');
    x = await ok<InterventionDetail>('interventions.answer', { id: x.id, answer: 'rejected', reason: 'Van is in the garage.' }, callers.technician);
    expect(x.status).toBe('taken');
    expect(x.technicians.find((t) => t.personId === ref.techPersonId)).toMatchObject({ answer: 'rejected', reason: 'Van is in the garage.' });
    const thread = await ok<InterventionMessage[]>('interventions.messages.list', { id: x.id });
    const system = thread.filter((m) => m.kind === 'system');
    expect(system).toHaveLength(1);
    expect(system[0]?.body).toContain('Van is in the garage.');
    expect(system[0]?.body).not.toContain('..');
    expect(system[0]?.body).toContain(x.takenByName ?? '');

    // The operator re-plans: the technician who rejected is taken off; the other accepts.
    x = await ok<InterventionDetail>('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.otherTechId] });
    expect(x.status).toBe('allocated');
    expect(x.technicians.map((t) => t.personId)).toEqual([ref.otherTechId]);
    expect((await fails('interventions.answer', { id: x.id, answer: 'accepted' }, callers.technician)).code).toBe('forbidden');
    expect((await fails('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: ['ghost'] })).issues?.[0]?.path).toBe('personIds.0');
    // Replacing the list over a version someone else changed meanwhile is a conflict, never silent.
    expect((await fails('interventions.assignTechnicians', { id: x.id, version: x.version - 1, personIds: [ref.techPersonId] })).code).toBe('conflict');
  });

  it('cancels with a reason from any open state, then only messages are allowed', async () => {
    let x = await ok<InterventionDetail>('interventions.create', base());
    expect((await fails('interventions.cancel', { id: x.id, version: x.version, reason: '  ' })).code).toBe('validation');
    // The cancel answers with the intervention as it now is (the form needs no second read).
    expect(await ok<InterventionDetail>('interventions.cancel', { id: x.id, version: x.version, reason: 'Client solved it himself' })).toMatchObject({ id: x.id, status: 'cancelled' });
    x = await ok<InterventionDetail>('interventions.get', { id: x.id });
    expect(x).toMatchObject({ status: 'cancelled', cancelReason: 'Client solved it himself' });
    expect((await fails('interventions.update', { id: x.id, version: x.version, patch: { priority: 3 } })).message).toBe(
      'A cancelled intervention is read-only; add a message instead.',
    );
    expect((await fails('interventions.validate', { id: x.id, version: x.version })).refusal).toEqual({ reason: 'closed', status: 'cancelled' });
    expect((await fails('interventions.cancel', { id: x.id, version: x.version, reason: 'again' })).code).toBe('refused');
    await ok('interventions.messages.add', { id: x.id, body: 'Noted.' });
    expect((await fails('interventions.messages.add', { id: x.id, body: '' })).code).toBe('validation');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'y'.repeat(4001) })).code).toBe('validation');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'hi', kind: 'system' })).code).toBe('validation');
  });
});

describe('finalizing and the team’s confirmation (what a new operator hit)', () => {
  const answersOf = (id: string) =>
    all<{ person_id: string; answer: string }>('SELECT person_id, answer FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL ORDER BY person_id', id);

  it('finalizes an allocated intervention: the answers still pending are closed as not answered', async () => {
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan(), technicianIds: [ref.techPersonId, ref.otherTechId] });
    x = await ok<InterventionDetail>('interventions.answer', { id: x.id, answer: 'accepted' }, callers.technician);
    expect(x.status).toBe('allocated');
    // Saved, then finalized with the version the save returned: no conflict from one's own save.
    x = await ok<InterventionDetail>('interventions.update', { id: x.id, version: x.version, patch: { notes: 'done on site' } });
    x = await ok<InterventionDetail>('interventions.finalize', { id: x.id, version: x.version, resolution: 'Valve replaced.' });
    expect(x.status).toBe('finalized');
    expect(Object.fromEntries(x.technicians.map((t) => [t.personId, t.answer]))).toEqual({ [ref.techPersonId]: 'accepted', [ref.otherTechId]: 'not_answered' });
    const h = await ok<HistoryEntry[]>('interventions.history', { id: x.id });
    const fin = h.find((e) => e.action === 'finalize')!;
    expect(fin.related).toContainEqual(expect.objectContaining({ subject: 'technician', op: 'update', fields: expect.arrayContaining(['answer']) as unknown }));
  });

  it('refuses to finalize what is not planned, or what a technician rejected, saying why', async () => {
    const taken = await ok<InterventionDetail>('interventions.create', base());
    expect(await fails('interventions.finalize', { id: taken.id, version: taken.version, resolution: 'x' })).toMatchObject({ code: 'refused', refusal: { reason: 'finalizeNeedsPlan' } });
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan(), technicianIds: [ref.techPersonId] });
    x = await ok<InterventionDetail>('interventions.answer', { id: x.id, answer: 'rejected', reason: 'Van broke down' }, callers.technician);
    const e = await fails('interventions.finalize', { id: x.id, version: x.version, resolution: 'x' });
    expect(e.code).toBe('refused');
    expect(e.refusal).toMatchObject({ reason: 'rejectedBy' });
    expect((e.refusal as { names: string }).names).toBe(x.technicians[0]?.name);
    expect((await ok<InterventionDetail>('interventions.get', { id: x.id })).version).toBe(x.version);
  });

  it('reports a conflict only when another writer changed the record', async () => {
    const x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
    await ok('interventions.update', { id: x.id, version: x.version, patch: { vehicle: 'B-01-XYZ' } }, callers.admin);
    expect(await fails('interventions.finalize', { id: x.id, version: x.version, resolution: 'x' })).toMatchObject({ code: 'conflict' });
  });

  it('"Confirmed" records the team’s acceptance on their behalf, in the operator’s name, and unticked withdraws it', async () => {
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan(), technicianIds: [ref.techPersonId, ref.otherTechId] });
    expect(x).toMatchObject({ status: 'allocated', confirmed: false });
    x = await ok<InterventionDetail>('interventions.update', { id: x.id, version: x.version, patch: { confirmed: true } });
    expect(x).toMatchObject({ status: 'confirmed', confirmed: true });
    expect(answersOf(x.id).map((a) => a.answer)).toEqual(['accepted', 'accepted']);
    const h = await ok<HistoryEntry[]>('interventions.history', { id: x.id });
    expect(h[0]?.userName).toBe(sql<{ n: string }>("SELECT display_name AS n FROM users WHERE login = 'operator'").n);
    const said = (await ok<InterventionMessage[]>('interventions.messages.list', { id: x.id })).filter((m) => m.kind === 'system').map((m) => m.body);
    expect(said.some((b) => b.includes('recorded the team’s confirmation'.replace('’', "'")) && b.includes(x.technicians[0]!.name))).toBe(true);

    x = await ok<InterventionDetail>('interventions.update', { id: x.id, version: x.version, patch: { confirmed: false } });
    expect(x).toMatchObject({ status: 'allocated', confirmed: false });
    expect(answersOf(x.id).map((a) => a.answer)).toEqual(['pending', 'pending']);
  });

  it('follows a technician’s own acceptance too, and refuses a confirmation with nobody to confirm', async () => {
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan(), technicianIds: [ref.techPersonId] });
    x = await ok<InterventionDetail>('interventions.answer', { id: x.id, answer: 'accepted' }, callers.technician);
    expect(x).toMatchObject({ status: 'confirmed', confirmed: true });
    const alone = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
    const e = await fails('interventions.update', { id: alone.id, version: alone.version, patch: { confirmed: true, notes: 'kept?' } });
    expect(e).toMatchObject({ code: 'refused', refusal: { reason: 'confirmNeedsTechnicians' } });
    // Refused as a whole: the notes of the same save are not kept either.
    expect((await ok<InterventionDetail>('interventions.get', { id: alone.id })).notes).toBe(alone.notes);
  });
});

describe('concurrent edits', () => {
  it('answers a stale update with both values per field, and overwrites nothing', async () => {
    const opened = await ok<InterventionDetail>('interventions.create', { ...base(), notes: 'first' });
    const theirs = await ok<InterventionDetail>('interventions.update', { id: opened.id, version: opened.version, patch: { notes: 'theirs', priority: 3 } }, callers.admin);
    const e = await fails('interventions.update', { id: opened.id, version: opened.version, patch: { notes: 'mine', vehicle: 'B-12-XYZ' } });
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/changed by someone else/);
    expect(e.issues).toEqual([
      { path: 'version', message: String(theirs.version) },
      { path: 'notes', message: JSON.stringify('theirs') },
      { path: 'vehicle', message: 'null' },
    ]);
    const now = await ok<InterventionDetail>('interventions.get', { id: opened.id });
    expect(now).toMatchObject({ notes: 'theirs', priority: 3, vehicle: null, version: theirs.version });
    // Choosing after seeing both: save again on the current version.
    const saved = await ok<InterventionDetail>('interventions.update', { id: opened.id, version: theirs.version, patch: { notes: 'mine' } });
    expect(saved.notes).toBe('mine');
  });
});

describe('one save, one action', () => {
  it('saves fields and technicians in one call: one transaction, one outbox mutation, one audit entry', async () => {
    const x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
    const auditBefore = sql<{ n: number }>('SELECT count(*) AS n FROM audit_log').n;
    const saved = await ok<InterventionDetail>('interventions.update', { id: x.id, version: x.version, patch: { notes: 'bring the ladder' }, technicianIds: [ref.techPersonId] });
    expect(saved.notes).toBe('bring the ladder');
    expect(saved.technicians.map((t) => t.personId)).toEqual([ref.techPersonId]);
    // The fields, the technician row and the status they give: one mutation for sync to replay.
    const mutations = d.app.ctx.raw
      .prepare("SELECT DISTINCT mutation_id FROM outbox WHERE (table_name = 'interventions' AND row_id = ?) OR (table_name = 'intervention_technicians' AND row_id IN (SELECT id FROM intervention_technicians WHERE intervention_id = ?))")
      .pluck()
      .all(x.id, x.id);
    expect(mutations).toHaveLength(2); // the create, and this save
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM audit_log').n).toBe(auditBefore + 1);
  });

  it('refuses the whole save when one part is wrong: nothing of it is kept', async () => {
    const x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
    const r = await dispatch(callers.operator, 'interventions.update', { id: x.id, version: x.version, patch: { notes: 'kept?' }, technicianIds: ['no-such-person'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    const fresh = await ok<InterventionDetail>('interventions.get', { id: x.id });
    expect(fresh.notes).toBe(x.notes);
    expect(fresh.version).toBe(x.version);
    expect(fresh.technicians).toEqual([]);
  });
});

describe('history', () => {
  async function lifeAt(level: 'basic' | 'advanced' | 'detailed') {
    await ok('settings.update', { operationLogLevel: level }, callers.admin);
    let x = await ok<InterventionDetail>('interventions.create', base());
    x = await ok<InterventionDetail>('interventions.update', { id: x.id, version: x.version, patch: { priority: 3, notes: 'call first' } });
    await ok('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.techPersonId] });
    await ok('interventions.messages.add', { id: x.id, body: 'On my way' }, callers.technician);
    return ok<HistoryEntry[]>('interventions.history', { id: x.id }, callers.auditor);
  }

  it('records who and when at basic level', async () => {
    const h = await lifeAt('basic');
    expect(h.map((e) => [e.subject, e.action])).toEqual([
      ['message', 'create'],
      // Putting a technician on is an action on the intervention (its row and the technician's, one entry).
      ['intervention', 'update'],
      ['intervention', 'update'],
      ['intervention', 'create'],
    ]);
    expect(h.every((e) => e.fields === null && e.changes === null)).toBe(true);
    expect(h[0]?.userName).toBe(sql<{ n: string }>("SELECT display_name AS n FROM users WHERE login = 'technician'").n);
    expect(h[1]?.userName).toBe(sql<{ n: string }>("SELECT display_name AS n FROM users WHERE login = 'operator'").n);
  });

  it('records which fields at advanced level', async () => {
    const h = await lifeAt('advanced');
    // Newest first: the technician put on, then the fields saved.
    const [assign, update] = h.filter((e) => e.subject === 'intervention' && e.action === 'update');
    expect(update?.fields?.sort()).toEqual(['notes', 'priority']);
    expect(update?.changes).toBeNull();
    expect(assign?.fields).toEqual([]);
    expect(assign?.related).toEqual([expect.objectContaining({ subject: 'technician', op: 'insert', fields: expect.arrayContaining(['person_id']) as unknown })]);
  });

  it('records old and new values at detailed level', async () => {
    const h = await lifeAt('detailed');
    const update = h.filter((e) => e.subject === 'intervention' && e.action === 'update')[1];
    expect(update?.changes).toEqual({ priority: [2, 3], notes: [null, 'call first'] });
    const created = h.find((e) => e.subject === 'intervention' && e.action === 'create');
    expect(created?.changes?.client_id).toEqual([null, ref.clientId]);
    await ok('settings.update', { operationLogLevel: 'advanced' }, callers.admin);
  });

  it('keeps status changes of the lifecycle', async () => {
    let x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
    x = await ok<InterventionDetail>('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.techPersonId] });
    await ok('interventions.answer', { id: x.id, answer: 'accepted' }, callers.technician);
    const h = await ok<HistoryEntry[]>('interventions.history', { id: x.id });
    expect(h.map((e) => e.action)).toContain('accepted');
    // The status the answer moved is part of the same action: one entry, the intervention beside the answer.
    const accepted = h.find((e) => e.action === 'accepted')!;
    expect(accepted.subject).toBe('technician');
    expect(accepted.related).toContainEqual(expect.objectContaining({ subject: 'intervention', op: 'update', fields: expect.arrayContaining(['status']) as unknown }));
    expect(h.filter((e) => e.action === 'status')).toHaveLength(0);
    // Workflow states keep their values at the advanced level: from what to what, and whose answer.
    expect(accepted.changes).toEqual({ answer: ['pending', 'accepted'] });
    expect(accepted.related.find((r) => r.subject === 'intervention')?.changes).toEqual({ status: ['allocated', 'confirmed'] });
    expect(accepted.about).toBe(x.technicians[0]!.name);
  });

  it('names the ids its values hold, request types in the reader’s language', async () => {
    await ok('settings.update', { operationLogLevel: 'detailed' }, callers.admin);
    try {
      const x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
      const h = await ok<HistoryEntry[]>('interventions.history', { id: x.id });
      const created = h.find((e) => e.action === 'create')!;
      const client = sql<{ name: string }>('SELECT name FROM clients WHERE id = ?', ref.clientId).name;
      expect(created.names[ref.clientId]).toBe(client);
      const verifier = created.changes?.verifier_id?.[1] as string;
      expect(created.names[verifier]).toBe(sql<{ name: string }>('SELECT name FROM personnel WHERE id = ?', verifier).name);
    } finally {
      await ok('settings.update', { operationLogLevel: 'advanced' }, callers.admin);
    }
  });
});

describe('rights', () => {
  it('lets the auditor read and refuses every write, in main', async () => {
    const x = await ok<InterventionDetail>('interventions.create', { ...base(), ...plan() });
    await ok('interventions.get', { id: x.id }, callers.auditor);
    await ok('interventions.history', { id: x.id }, callers.auditor);
    await ok('interventions.messages.list', { id: x.id }, callers.auditor);
    const writes: [string, unknown][] = [
      ['interventions.create', base()],
      ['interventions.update', { id: x.id, version: x.version, patch: { notes: 'x' } }],
      ['interventions.validate', { id: x.id, version: x.version }],
      ['interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.techPersonId] }],
      ['interventions.answer', { id: x.id, answer: 'accepted' }],
      ['interventions.finalize', { id: x.id, version: x.version, resolution: 'x' }],
      ['interventions.cancel', { id: x.id, version: x.version, reason: 'x' }],
      ['interventions.delete', { id: x.id, version: x.version }],
      ['interventions.messages.add', { id: x.id, body: 'x' }],
    ];
    for (const [method, input] of writes) {
      const e = await fails(method, input, callers.auditor);
      expect(e, method).toMatchObject({ code: 'forbidden', message: 'You have no right to change interventions.' });
    }
    const still = await ok<InterventionDetail>('interventions.get', { id: x.id });
    expect(still.version).toBe(x.version);
    expect(await ok<InterventionMessage[]>('interventions.messages.list', { id: x.id })).toEqual([]);
  });
});

/** Each worker opens its own connection and takes numbers with the service's own statement. */
const NUMBER_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 10000');
const take = db.prepare(workerData.sql);
const once = db.transaction(() => take.get(Date.now(), workerData.seriesId).number);
parentPort.once('message', () => {
  const got = [];
  for (let i = 0; i < workerData.count; i++) got.push(once.immediate());
  db.close();
  parentPort.postMessage(got);
});
parentPort.postMessage('ready');
`;

describe('numbering under concurrency', () => {
  it('gives 400 distinct consecutive numbers to two threads validating at the same time', async () => {
    const start = nextNumber();
    const driverPath = createRequire(__filename).resolve('better-sqlite3');
    const workerData = { driverPath, file: d.app.identity.dbPath, sql: TAKE_NUMBER_SQL, seriesId: ref.seriesId, count: 200 };
    const workers = [0, 1].map(() => new Worker(NUMBER_WORKER, { eval: true, workerData }));
    const ready = workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve())));
    await Promise.all(ready);
    const results = workers.map(
      (w) =>
        new Promise<number[]>((resolve, reject) => {
          w.once('message', (m: number[]) => resolve(m));
          w.once('error', reject);
        }),
    );
    for (const w of workers) w.postMessage('go');
    const [a, b] = (await Promise.all(results)) as [number[], number[]];
    await Promise.all(workers.map((w) => w.terminate()));
    expect(a).toHaveLength(200);
    expect(b).toHaveLength(200);
    const got = [...a, ...b].sort((x, y) => x - y);
    expect(new Set(got).size).toBe(400);
    expect(got).toEqual(Array.from({ length: 400 }, (_, i) => start + i));
    // Each thread's own numbers rise: no number is given back or reused.
    for (const list of [a, b]) expect(list).toEqual([...list].sort((x, y) => x - y));
    expect(nextNumber()).toBe(start + 400);
  });
});
