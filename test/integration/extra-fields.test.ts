import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { interventionMessages, requestTypeFields, requestTypeTemplates } from '../../src/main/db/schema';
import { addAttachment } from '../../src/main/files/attachments';
import { FileStore } from '../../src/main/files/file-store';
import { createRecord } from '../../src/main/core/records';
import type { ApiErrorBody, ApiResult } from '../../src/shared/api/result';
import type { FieldState, ExtraFieldKind, TemplateMode } from '../../src/shared/domain/extra-fields';
import type { InterventionStatus } from '../../src/shared/domain/intervention';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { RequestTypeExtras } from '../../src/shared/api/interventions';
import type { InterventionDetail } from '../../src/shared/api/interventions';
import { createRequestType } from "../../src/main/request-types/hierarchy";

/*
 * Extra fields and form templates enforced in main, through the dispatcher: whatever a form
 * sends, the rules of shared/domain/extra-fields.ts hold in the status the write produces.
 * Definitions are written straight into the tables (the administration's own tests cover its
 * editor); everything else goes through the API as an operator and a technician.
 */

let d: DemoApp;
let dispatch: Dispatch;
const operator: Caller = { transport: 'ipc', token: null };
const technician: Caller = { transport: 'http', token: null };
const SYSTEM_ACTOR = { userId: null };

const get = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;

async function call(method: string, input: unknown, caller: Caller = operator): Promise<ApiResult<unknown>> {
  return dispatch(caller, method, input);
}
async function ok<T>(method: string, input: unknown, caller: Caller = operator): Promise<T> {
  const r = await call(method, input, caller);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(method: string, input: unknown, caller: Caller = operator): Promise<ApiErrorBody> {
  const r = await call(method, input, caller);
  if (r.ok) throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
  return r.error;
}
const paths = (e: ApiErrorBody) => (e.issues ?? []).map((i) => i.path).sort();

/** A request type under `parentId` (null: top level). */
function newType(code: string, parentId: string | null): string {
  return createRequestType(d.app.ctx, SYSTEM_ACTOR, { code, nameEn: code, nameRo: code, namePtBr: code, nameCa: code, parentId }).id;
}

function defineField(
  requestTypeId: string,
  kind: ExtraFieldKind,
  label: string,
  states: Partial<Record<InterventionStatus, FieldState>> = {},
  over: { options?: string[]; sequence?: number; active?: boolean } = {},
): string {
  return createRecord(d.app.ctx, SYSTEM_ACTOR, requestTypeFields, {
    requestTypeId,
    kind,
    labelEn: label,
    labelRo: `${label} (ro)`,
    labelPtBr: `${label} (pt)`,
    labelCa: `${label} (ca)`,
    options: JSON.stringify(over.options ?? []),
    states: JSON.stringify(states),
    sequence: over.sequence ?? 0,
    active: over.active ?? true,
  }).id;
}

let ref: { clientId: string; teamId: string; verifierId: string; techPersonId: string; operatorPersonId: string };
let store: FileStore;

beforeAll(async () => {
  d = demoApp(50);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const [login, caller] of [
    ['operator', operator],
    ['technician', technician],
  ] as const) {
    expect((await dispatch(caller, 'auth.login', { login, password: 'demo' })).ok, login).toBe(true);
  }
  const techPersonId = get<{ person_id: string }>("SELECT person_id FROM users WHERE login = 'technician'").person_id;
  ref = {
    clientId: get<{ id: string }>('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT 1').id,
    techPersonId,
    teamId: get<{ team_id: string }>('SELECT team_id FROM team_members WHERE person_id = ? AND deleted_at IS NULL LIMIT 1', techPersonId).team_id,
    verifierId: get<{ id: string }>('SELECT id FROM personnel WHERE is_verifier = 1 AND deleted_at IS NULL LIMIT 1').id,
    operatorPersonId: get<{ person_id: string }>("SELECT person_id FROM users WHERE login = 'operator'").person_id,
  };
  store = new FileStore(d.app.filesDir);
});
afterAll(() => d.dispose());

const base = (requestTypeId: string, extra?: Record<string, unknown>) => ({
  docDate: '2026-11-20',
  clientId: ref.clientId,
  requestTypeId,
  objectText: 'Boiler',
  takenById: ref.operatorPersonId,
  ...(extra ? { extra } : {}),
});
const plan = () => ({ plannedStart: Date.UTC(2026, 10, 23, 8), plannedEnd: Date.UTC(2026, 10, 23, 12), teamId: ref.teamId, verifierId: ref.verifierId });

describe('required fields', () => {
  let type: string;
  let serial: string;
  let meter: string;
  beforeAll(() => {
    type = newType('REQ', null);
    serial = defineField(type, 'text', 'Serial number', { taken: 'required', allocated: 'required' });
    meter = defineField(type, 'number', 'Meter reading', { allocated: 'required' }, { sequence: 1 });
  });

  it('a field required in taken refuses the create, with the path extra.<id>, and accepts it filled', async () => {
    const e = await fails('interventions.create', base(type));
    expect(e.code).toBe('validation');
    expect(e.issues).toEqual([{ path: `extra.${serial}`, message: 'required' }]);
    expect(e.message).toContain('Serial number');
    const blank = await fails('interventions.create', base(type, { [serial]: '   ' }));
    expect(paths(blank)).toEqual([`extra.${serial}`]);

    const iv = await ok<InterventionDetail>('interventions.create', base(type, { [serial]: '  SN-100  ' }));
    expect(iv.extra).toEqual({ [serial]: 'SN-100' });
    expect(iv.extraFields.map((f) => f.id)).toEqual([serial, meter]);
  });

  it('planning that would allocate needs the fields required in allocated; filling them in the same save passes', async () => {
    const iv = await ok<InterventionDetail>('interventions.create', base(type, { [serial]: 'SN-1' }));
    const e = await fails('interventions.update', { id: iv.id, version: iv.version, patch: plan() });
    expect(e.issues).toEqual([{ path: `extra.${meter}`, message: 'required' }]);
    expect(get<{ status: string }>('SELECT status FROM interventions WHERE id = ?', iv.id).status).toBe('taken');

    // Saving in taken does not need what allocated needs.
    const notes = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: { notes: 'Call before' } });
    const planned = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: notes.version, patch: { ...plan(), extra: { [meter]: 1234.5 } } });
    expect(planned.status).toBe('allocated');
    expect(planned.extra).toEqual({ [serial]: 'SN-1', [meter]: 1234.5 });
  });

  it('a create that is planned at once is checked in allocated', async () => {
    const e = await fails('interventions.create', { ...base(type, { [serial]: 'SN-2' }), ...plan() });
    expect(paths(e)).toEqual([`extra.${meter}`]);
    const iv = await ok<InterventionDetail>('interventions.create', { ...base(type, { [serial]: 'SN-2', [meter]: 7 }), ...plan() });
    expect(iv.status).toBe('allocated');
  });

  it('blanking a required field is refused', async () => {
    const iv = await ok<InterventionDetail>('interventions.create', base(type, { [serial]: 'SN-3' }));
    const e = await fails('interventions.update', { id: iv.id, version: iv.version, patch: { extra: { [serial]: null } } });
    expect(paths(e)).toEqual([`extra.${serial}`]);
  });
});

describe('read-only and hidden fields', () => {
  let type: string;
  let locked: string;
  let secret: string;
  beforeAll(() => {
    type = newType('STATE', null);
    locked = defineField(type, 'text', 'Agreed price', { allocated: 'readonly' });
    secret = defineField(type, 'text', 'Internal remark', { allocated: 'hidden' }, { sequence: 1 });
  });

  it('refuses changing a read-only field, lets the rest of the save through when it is unchanged', async () => {
    // Straight into allocated, the read-only field cannot be set: it is a change in allocated.
    const direct = await fails('interventions.create', { ...base(type, { [locked]: '100 EUR' }), ...plan() });
    expect(direct.issues).toEqual([{ path: `extra.${locked}`, message: 'read-only in this status' }]);
    const taken = await ok<InterventionDetail>('interventions.create', base(type, { [locked]: '100 EUR' }));
    const iv = await ok<InterventionDetail>('interventions.update', { id: taken.id, version: taken.version, patch: plan() });
    expect(iv.status).toBe('allocated');
    const e = await fails('interventions.update', { id: iv.id, version: iv.version, patch: { extra: { [locked]: '90 EUR' } } });
    expect(e.issues).toEqual([{ path: `extra.${locked}`, message: 'read-only in this status' }]);
    const same = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: { notes: 'x', extra: { [locked]: '100 EUR' } } });
    expect(same.extra[locked]).toBe('100 EUR');
  });

  it('keeps a hidden field’s value, refuses changing it, and shows it again in a status where it is visible', async () => {
    const iv = await ok<InterventionDetail>('interventions.create', base(type, { [secret]: 'VIP client' }));
    const planned = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: plan() });
    expect(planned.status).toBe('allocated');
    expect(planned.extra[secret]).toBe('VIP client');
    const e = await fails('interventions.update', { id: iv.id, version: planned.version, patch: { extra: { [secret]: 'changed' } } });
    expect(e.issues).toEqual([{ path: `extra.${secret}`, message: 'not shown in this status, so it cannot be changed' }]);
    const back = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: planned.version, patch: { plannedStart: null } });
    expect(back.status).toBe('taken');
    expect(back.extra[secret]).toBe('VIP client');
  });
});

describe('inheritance and type changes', () => {
  let parent: string;
  let child: string;
  let other: string;
  let inherited: string;
  let own: string;
  let otherField: string;
  beforeAll(() => {
    parent = newType('PAR', null);
    child = newType('CHI', parent);
    other = newType('OTH', null);
    inherited = defineField(parent, 'choice', 'Fuel', { taken: 'required' }, { options: ['Gas', 'Electric'] });
    own = defineField(child, 'date', 'Warranty until', {});
    otherField = defineField(other, 'checkbox', 'Site visited', {});
    defineField(child, 'text', 'Old field', { taken: 'required' }, { active: false });
  });

  it('a child type has its parent’s fields first, then its own; inactive ones do not apply', async () => {
    const extras = await ok<RequestTypeExtras>('interventions.extraFields', { requestTypeId: child });
    expect(extras.fields.map((f) => f.id)).toEqual([inherited, own]);
    expect(extras.fields[0]).toMatchObject({ kind: 'choice', options: ['Gas', 'Electric'], labels: { en: 'Fuel', ro: 'Fuel (ro)', 'pt-BR': 'Fuel (pt)', ca: 'Fuel (ca)' }, states: { taken: 'required' } });
    const e = await fails('interventions.create', base(child, { [own]: '2027-01-31' }));
    expect(e.issues).toEqual([{ path: `extra.${inherited}`, message: 'required' }]);
    await ok('interventions.create', base(child, { [own]: '2027-01-31', [inherited]: 'Gas' }));
  });

  it('an unknown type has no fields; a bad input is refused', async () => {
    expect(await ok<RequestTypeExtras>('interventions.extraFields', { requestTypeId: 'nope' })).toEqual({ fields: [], templates: [], filledTemplateIds: [] });
    expect((await fails('interventions.extraFields', { requestTypeId: '' })).code).toBe('validation');
    expect((await fails('interventions.extraFields', {})).code).toBe('validation');
  });

  it('refuses ids that are not fields of the type', async () => {
    const e = await fails('interventions.create', base(child, { [inherited]: 'Gas', [otherField]: true }));
    expect(e.issues).toEqual([{ path: `extra.${otherField}`, message: 'not a field of this request type' }]);
  });

  it('changing the request type keeps the values of fields that no longer apply', async () => {
    const iv = await ok<InterventionDetail>('interventions.create', base(child, { [inherited]: 'Electric', [own]: '2027-05-01' }));
    const moved = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: { requestTypeId: other, extra: { [otherField]: true } } });
    expect(moved.extraFields.map((f) => f.id)).toEqual([otherField]);
    expect(moved.extra).toEqual({ [inherited]: 'Electric', [own]: '2027-05-01', [otherField]: true });
    const back = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: moved.version, patch: { requestTypeId: child } });
    expect(back.extra[inherited]).toBe('Electric');
  });
});

describe('values by kind', () => {
  let type: string;
  const f: Record<ExtraFieldKind, string> = { text: '', number: '', date: '', choice: '', checkbox: '' };
  beforeAll(() => {
    type = newType('KIND', null);
    f.text = defineField(type, 'text', 'Remark');
    f.number = defineField(type, 'number', 'Count');
    f.date = defineField(type, 'date', 'Installed on');
    f.choice = defineField(type, 'choice', 'Colour', {}, { options: ['Red', 'Blue'] });
    f.checkbox = defineField(type, 'checkbox', 'Under warranty');
  });

  it.each<[ExtraFieldKind, unknown, string]>([
    ['number', 'twelve', 'must be a number'],
    ['number', true, 'must be a number'],
    ['date', '31/12/2026', 'must be a date as yyyy-mm-dd'],
    ['date', '2026-02-30', 'not a day of the calendar'],
    ['choice', 'Green', 'must be one of the options'],
    ['choice', 3, 'must be one of the options'],
    ['checkbox', 'yes', 'must be ticked or not (true or false)'],
    ['text', 42, 'must be text'],
    ['text', 'bell\u0007', 'contains control characters'],
  ])('%s refuses %j', async (kind, value, message) => {
    const e = await fails('interventions.create', base(type, { [f[kind]]: value }));
    expect(e.code).toBe('validation');
    expect(e.issues).toEqual([{ path: `extra.${f[kind]}`, message }]);
  });

  it('refuses what the API shape forbids before main looks: objects, long text, too many keys', async () => {
    for (const extra of [{ [f.text]: { nested: 1 } }, { [f.text]: 'x'.repeat(2001) }, { [f.number]: Number.NaN }, Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 1])), 'text']) {
      const e = await fails('interventions.create', { ...base(type), extra });
      expect(e.code, JSON.stringify(extra).slice(0, 40)).toBe('validation');
      expect(e.issues?.some((i) => i.path.startsWith('extra'))).toBe(true);
    }
  });

  it('stores every kind, and script tags as plain text', async () => {
    const values = { [f.text]: '<script>alert("x")</script>', [f.number]: -3.25, [f.date]: '2028-02-29', [f.choice]: 'Blue', [f.checkbox]: false };
    const iv = await ok<InterventionDetail>('interventions.create', base(type, values));
    expect(iv.extra).toEqual(values);
    const stored = JSON.parse(get<{ extra: string }>('SELECT extra FROM interventions WHERE id = ?', iv.id).extra) as unknown;
    expect(stored).toEqual(values);
  });
});

describe('mandatory templates and finalizing', () => {
  let type: string;
  let mandatory: { id: string; name: string };
  let report: string;

  function template(name: string, mode: TemplateMode): string {
    const file = addAttachment(d.app.ctx, store, SYSTEM_ACTOR, { name: `${name}.pdf`, bytes: new TextEncoder().encode(`%PDF-1.4 ${name}`), claimedType: 'application/pdf' }, 10_000_000);
    return createRecord(d.app.ctx, SYSTEM_ACTOR, requestTypeTemplates, { requestTypeId: type, name, attachmentId: file.id, mode, sequence: 0 }).id;
  }

  beforeAll(() => {
    type = newType('TPL', null);
    mandatory = { id: template('Safety checklist', 'mandatory'), name: 'Safety checklist' };
    template('Customer leaflet', 'informative');
    report = defineField(type, 'text', 'Work done', { finalized: 'required', confirmed: 'optional' });
  });

  async function confirmedIntervention(): Promise<InterventionDetail> {
    const iv = await ok<InterventionDetail>('interventions.create', { ...base(type), ...plan() });
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [ref.techPersonId] });
    const confirmed = await ok<InterventionDetail>('interventions.answer', { id: iv.id, answer: 'accepted' }, technician);
    expect(confirmed.status).toBe('confirmed');
    return confirmed;
  }

  it('lists the templates, informative ones too, and which are filled', async () => {
    const iv = await confirmedIntervention();
    // Same type, same sequence: in the order they were made (ids are time-ordered).
    expect(iv.templates.map((t) => [t.name, t.mode, t.attachment.fileName])).toEqual([
      ['Safety checklist', 'mandatory', 'Safety checklist.pdf'],
      ['Customer leaflet', 'informative', 'Customer leaflet.pdf'],
    ]);
    expect(iv.filledTemplateIds).toEqual([]);
  });

  it('refuses to finalize without the filled mandatory template and the required field, then accepts', async () => {
    const iv = await confirmedIntervention();
    const e = await fails('interventions.finalize', { id: iv.id, version: iv.version, resolution: 'Fixed' });
    expect(e.code).toBe('validation');
    expect(paths(e)).toEqual([`extra.${report}`, `templates.${mandatory.id}`].sort());
    expect(e.issues?.find((i) => i.path === `templates.${mandatory.id}`)?.message).toContain('Safety checklist');
    expect(get<{ status: string }>('SELECT status FROM interventions WHERE id = ?', iv.id).status).toBe('confirmed');

    const filled = await ok<InterventionDetail>('interventions.update', { id: iv.id, version: iv.version, patch: { extra: { [report]: 'Replaced the valve' } } });
    // A message naming the template without a file does not count; nor does a deleted one.
    createRecord(d.app.ctx, SYSTEM_ACTOR, interventionMessages, { interventionId: iv.id, at: Date.now(), kind: 'note', body: 'will send it', templateId: mandatory.id });
    const file = addAttachment(d.app.ctx, store, SYSTEM_ACTOR, { name: 'checklist-filled.pdf', bytes: new TextEncoder().encode('%PDF-1.4 filled'), claimedType: 'application/pdf' }, 10_000_000);
    const gone = createRecord(d.app.ctx, SYSTEM_ACTOR, interventionMessages, { interventionId: iv.id, at: Date.now(), kind: 'note', body: '', attachmentId: file.id, templateId: mandatory.id });
    d.app.ctx.raw.prepare('UPDATE intervention_messages SET deleted_at = 1 WHERE id = ?').run(gone.id);
    const still = await fails('interventions.finalize', { id: iv.id, version: filled.version, resolution: 'Fixed' });
    expect(paths(still)).toEqual([`templates.${mandatory.id}`]);

    createRecord(d.app.ctx, SYSTEM_ACTOR, interventionMessages, { interventionId: iv.id, at: Date.now(), kind: 'note', body: 'Signed checklist', attachmentId: file.id, templateId: mandatory.id });
    const before = await ok<InterventionDetail>('interventions.get', { id: iv.id });
    expect(before.filledTemplateIds).toEqual([mandatory.id]);
    const extras = await ok<RequestTypeExtras>('interventions.extraFields', { requestTypeId: type, interventionId: iv.id });
    expect(extras.filledTemplateIds).toEqual([mandatory.id]);
    expect((await ok<RequestTypeExtras>('interventions.extraFields', { requestTypeId: type })).filledTemplateIds).toEqual([]);
    const done = await ok<InterventionDetail>('interventions.finalize', { id: iv.id, version: before.version, resolution: 'Fixed' });
    expect(done.status).toBe('finalized');
  });

  it('a technician’s acceptance is refused while a field required in confirmed is empty', async () => {
    const t2 = newType('CONF', null);
    const checked = defineField(t2, 'checkbox', 'Parts ordered', { confirmed: 'required' });
    const iv = await ok<InterventionDetail>('interventions.create', { ...base(t2), ...plan() });
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [ref.techPersonId] });
    const e = await fails('interventions.answer', { id: iv.id, answer: 'accepted' }, technician);
    expect(paths(e)).toEqual([`extra.${checked}`]);
    const fresh = await ok<InterventionDetail>('interventions.get', { id: iv.id });
    expect(fresh.technicians[0]?.answer).toBe('pending');
    await ok('interventions.update', { id: iv.id, version: fresh.version, patch: { extra: { [checked]: true } } });
    expect((await ok<InterventionDetail>('interventions.answer', { id: iv.id, answer: 'accepted' }, technician)).status).toBe('confirmed');
  });
});
