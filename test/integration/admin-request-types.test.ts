import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { addAttachment } from '../../src/main/files/attachments';
import { FileStore } from '../../src/main/files/file-store';
import { effectiveExtraFields } from '../../src/main/request-types/extra-field-definitions';
import type { ApiErrorBody, ApiResult } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { ExtraFieldAdminRow, RequestTypeAdminRow, RequestTypeUsage } from '../../src/shared/api/request-types';
import type { ExtraFieldDefinition, RequestTypeTemplate } from '../../src/shared/api/request-types';
import type { InterventionLookups } from '../../src/shared/api/interventions';
import { classificationOf } from "../../src/main/request-types/hierarchy";

let d: DemoApp;
let dispatch: Dispatch;
const callers: Record<'admin' | 'operator' | 'auditor', Caller> = {
  admin: { transport: 'ipc', token: null },
  operator: { transport: 'ipc', token: null },
  auditor: { transport: 'http', token: null },
};

const get = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;
const all = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).all(...p) as T[];

async function call(method: string, input: unknown, caller: Caller = callers.admin): Promise<ApiResult<unknown>> {
  return dispatch(caller, method, input);
}
async function ok<T>(method: string, input: unknown, caller: Caller = callers.admin): Promise<T> {
  const r = await call(method, input, caller);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(method: string, input: unknown, caller: Caller = callers.admin): Promise<ApiErrorBody> {
  const r = await call(method, input, caller);
  if (!r.ok) return r.error;
  throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
}
const paths = (e: ApiErrorBody) => (e.issues ?? []).map((i) => i.path).sort();

const names = (en: string) => ({ en, ro: `${en} (ro)`, 'pt-BR': `${en} (pt)`, ca: `${en} (ca)` });
const values = (code: string, parentId: string | null, extra: Record<string, unknown> = {}) => ({ code, parentId, names: names(`Type ${code}`), ...extra });

let list: RequestTypeAdminRow[];
const byCode = (code: string) => {
  const row = list.find((r) => r.code === code);
  if (!row) throw new Error(`no type ${code}`);
  return row;
};
async function reload() {
  list = await ok<RequestTypeAdminRow[]>('admin.requestTypes.list', {});
}

beforeAll(async () => {
  d = demoApp(400);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const [login, caller] of Object.entries(callers)) {
    const r = await dispatch(caller, 'auth.login', { login, password: 'demo' });
    expect(r.ok, login).toBe(true);
  }
  await reload();
}, 60_000);
afterAll(() => d.dispose());

describe('request types', () => {
  it('lists the whole tree, parents before their children', () => {
    expect(list.length).toBeGreaterThan(10);
    const seen = new Set<string>();
    for (const r of list) {
      if (r.parentId) expect(seen.has(r.parentId), r.code).toBe(true);
      seen.add(r.id);
      expect(r.depth).toBeGreaterThanOrEqual(1);
      expect(r.depth).toBeLessThanOrEqual(3);
    }
  });

  it('creates three levels, refuses a fourth with a message on the parent field', async () => {
    const team = get<{ id: string }>('SELECT id FROM teams WHERE deleted_at IS NULL AND active = 1 LIMIT 1');
    const top = await ok<RequestTypeAdminRow>('admin.requestTypes.save', {
      values: values('T-TOP', null, { responsibleTeamId: team.id, onPortal: true, recordCalls: true, mailClient: true, defaultPriority: 3, description: 'Top level' }),
    });
    expect(top).toMatchObject({ depth: 1, code: 'T-TOP', active: true, onPortal: true, recordCalls: true, mailClient: true, defaultPriority: 3, responsibleTeamId: team.id, version: 1 });
    expect(top.sequence).toBeGreaterThan(0);
    const mid = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: values('T-MID', top.id) });
    const leaf = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: values('T-LEAF', mid.id) });
    expect([mid.depth, leaf.depth]).toEqual([2, 3]);
    const e = await fails('admin.requestTypes.save', { values: values('T-DEEP', leaf.id) });
    expect(e.code).toBe('validation');
    expect(paths(e)).toEqual(['values.parentId']);
    expect(e.message).toMatch(/at most 3 levels/);
  });

  it('refuses a duplicate code (ignoring case) with a message on the code', async () => {
    const e = await fails('admin.requestTypes.save', { values: values('ins', null) });
    expect(e.code).toBe('validation');
    expect(e.issues).toEqual([{ path: 'values.code', message: expect.stringMatching(/INS is already used/) as unknown }]);
  });

  it('answers bad input with field messages and keeps script tags as text', async () => {
    const bad: [unknown, string[]][] = [
      [{ values: { ...values('B1', null), names: { en: 'x', ro: 'x', 'pt-BR': 'x' } } }, ['values.names.ca']],
      [{ values: { ...values('B2', null), names: { ...names('x'), ro: '   ' } } }, ['values.names.ro']],
      [{ values: values('', null) }, ['values.code']],
      [{ values: values('has space', null) }, ['values.code']],
      [{ values: values('X'.repeat(33), null) }, ['values.code']],
      [{ values: { ...values('B3', null), names: names('n'.repeat(101)) } }, ['values.names.ca', 'values.names.en', 'values.names.pt-BR', 'values.names.ro']],
      [{ values: { ...values('B4', null), defaultPriority: 7 } }, ['values.defaultPriority']],
      [{ values: { ...values('B5', null), sequence: 'first' } }, ['values.sequence']],
      [{ values: { ...values('B6', null), description: 'd'.repeat(2001) } }, ['values.description']],
      [{ values: values('B7', 'no-such-parent') }, ['values.parentId']],
      [{ values: { ...values('B8', null), responsibleTeamId: 'no-such-team' } }, ['values.responsibleTeamId']],
      [{ id: 'x', values: values('B9', null) }, ['version']],
    ];
    for (const [input, expected] of bad) {
      const e = await fails('admin.requestTypes.save', input);
      expect(e.code, JSON.stringify(input)).toBe('validation');
      expect(paths(e), JSON.stringify(input)).toEqual(expected);
    }
    const script = '<script>alert(1)</script>';
    const r = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: { ...values('XSS', null), names: names(script), description: script } });
    expect(r.names.en).toBe(script);
    expect(r.description).toBe(script);
  });

  it('edits with the version it was opened at; a stale version is a conflict', async () => {
    await reload();
    const top = byCode('T-TOP');
    const saved = await ok<RequestTypeAdminRow>('admin.requestTypes.save', {
      id: top.id,
      version: top.version,
      values: { ...values('T-TOP2', null), names: { ...names('Renamed'), ro: 'Redenumit' }, sequence: top.sequence },
    });
    expect(saved).toMatchObject({ code: 'T-TOP2', version: top.version + 1, names: { ro: 'Redenumit' } });
    const e = await fails('admin.requestTypes.save', { id: top.id, version: top.version, values: values('T-TOP3', null) });
    expect(e.code).toBe('conflict');
    // The form's lookups see the change at once.
    const lookups = await ok<InterventionLookups>('interventions.lookups', {}, callers.operator);
    expect(lookups.requestTypes.find((t) => t.id === top.id)?.code).toBe('T-TOP2');
  });

  it('moves a branch: depth and the interventions class columns follow, in one go', async () => {
    await reload();
    // A level-2 demo type with level-3 children and interventions below it.
    const mid = list.find((r) => r.depth === 2 && list.some((c) => c.parentId === r.id) && get<{ n: number }>('SELECT count(*) n FROM interventions WHERE class2_id = ?', r.id).n > 0);
    if (!mid) throw new Error('the demo should have a used level-2 type with children');
    const target = list.find((r) => r.depth === 1 && r.id !== mid.parentId && r.active);
    if (!target) throw new Error('no other top-level type');
    const before = all<{ id: string; version: number; updated_at: number }>('SELECT id, version, updated_at FROM interventions WHERE class2_id = ? ORDER BY id', mid.id);
    const outbox = get<{ n: number }>('SELECT count(*) n FROM outbox').n;
    const interventionsOutbox = get<{ n: number }>("SELECT count(*) n FROM outbox WHERE table_name = 'interventions'").n;
    const usage = await ok<RequestTypeUsage>('admin.requestTypes.usage', { id: mid.id });
    expect(usage.subtree).toBe(before.length);
    expect(usage.children).toBeGreaterThan(0);

    const moved = await ok<RequestTypeAdminRow>('admin.requestTypes.move', { id: mid.id, version: mid.version, parentId: target.id });
    expect(moved).toMatchObject({ parentId: target.id, depth: 2 });
    const after = all<{ id: string; version: number; updated_at: number; request_type_id: string; class1_id: string; class2_id: string; class3_id: string | null }>(
      'SELECT id, version, updated_at, request_type_id, class1_id, class2_id, class3_id FROM interventions WHERE id IN (' + before.map(() => '?').join(',') + ') ORDER BY id',
      ...before.map((b) => b.id),
    );
    for (const row of after) {
      expect(row.class1_id).toBe(target.id);
      expect(row.class2_id).toBe(mid.id);
      expect({ class1Id: row.class1_id, class2Id: row.class2_id, class3Id: row.class3_id }).toEqual(classificationOf(d.app.ctx, row.request_type_id));
    }
    // Derived columns: no version bump on the interventions, no outbox entry for them.
    expect(after.map((r) => r.version)).toEqual(before.map((b) => b.version));
    expect(get<{ n: number }>("SELECT count(*) n FROM outbox WHERE table_name = 'interventions'").n).toBe(interventionsOutbox);
    expect(get<{ n: number }>('SELECT count(*) n FROM outbox').n).toBeGreaterThan(outbox);

    // To the top level: the branch becomes Classification 1 and 2.
    const child = get<{ id: string; depth: number }>('SELECT id, depth FROM request_types WHERE parent_id = ? AND deleted_at IS NULL LIMIT 1', mid.id);
    expect(child.depth).toBe(3);
    const top = await ok<RequestTypeAdminRow>('admin.requestTypes.move', { id: mid.id, version: moved.version, parentId: null });
    expect(top.depth).toBe(1);
    expect(get<{ depth: number }>('SELECT depth FROM request_types WHERE id = ?', child.id).depth).toBe(2);
    const childRows = all<{ class1_id: string; class2_id: string; class3_id: string | null }>('SELECT class1_id, class2_id, class3_id FROM interventions WHERE request_type_id = ?', child.id);
    for (const r of childRows) expect(r).toEqual({ class1_id: mid.id, class2_id: child.id, class3_id: null });
    // Back where it was, through the editor's save (parent changed in the form).
    await reload();
    const m = byCode(mid.code);
    const back = await ok<RequestTypeAdminRow>('admin.requestTypes.save', {
      id: m.id,
      version: m.version,
      values: { code: m.code, parentId: mid.parentId, names: m.names, sequence: m.sequence, active: m.active, defaultPriority: m.defaultPriority, onPortal: m.onPortal, responsibleTeamId: m.responsibleTeamId, description: m.description },
    });
    expect(back.depth).toBe(2);
    for (const r of all<{ request_type_id: string; class1_id: string; class2_id: string; class3_id: string | null }>('SELECT request_type_id, class1_id, class2_id, class3_id FROM interventions WHERE class2_id = ?', mid.id)) {
      expect({ class1Id: r.class1_id, class2Id: r.class2_id, class3Id: r.class3_id }).toEqual(classificationOf(d.app.ctx, r.request_type_id));
    }
  });

  it('refuses cycles and moves that would go deeper than level 3', async () => {
    await reload();
    const top = byCode('T-TOP2');
    const leaf = byCode('T-LEAF');
    const mid = byCode('T-MID');
    const cycle = await fails('admin.requestTypes.move', { id: top.id, version: top.version, parentId: leaf.id });
    expect(cycle.code).toBe('validation');
    expect(cycle.message).toMatch(/under itself or one of its own sub-types/);
    const self = await fails('admin.requestTypes.move', { id: top.id, version: top.version, parentId: top.id });
    expect(self.code).toBe('validation');
    // A two-level branch under a level-2 type would reach level 4.
    const otherMid = list.find((r) => r.depth === 2 && r.id !== mid.id);
    if (!otherMid) throw new Error('no level-2 type');
    const deep = await fails('admin.requestTypes.move', { id: mid.id, version: mid.version, parentId: otherMid.id });
    expect(deep.code).toBe('validation');
    expect(deep.issues?.[0]?.path).toBe('parentId');
    expect(deep.message).toMatch(/level 4/);
    // And the same through the editor's save.
    const viaSave = await fails('admin.requestTypes.save', { id: top.id, version: top.version, values: { ...values(top.code, leaf.id), names: top.names } });
    expect(paths(viaSave)).toEqual(['values.parentId']);
    // Nothing moved.
    await reload();
    expect(byCode('T-MID').parentId).toBe(top.id);
  });

  it('deactivates a branch as a whole; a used type is never deleted; an unused one is, and its code is free again', async () => {
    await reload();
    const used = list.find((r) => r.depth === 3 && get<{ n: number }>('SELECT count(*) n FROM interventions WHERE deleted_at IS NULL AND request_type_id = ?', r.id).n > 0);
    if (!used) throw new Error('no used level-3 type');
    const e = await fails('admin.requestTypes.delete', { id: used.id, version: used.version });
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(/used by interventions.*deactivate/);
    const withChildren = byCode('T-MID');
    expect((await fails('admin.requestTypes.delete', { id: withChildren.id, version: withChildren.version })).message).toMatch(/sub-type/);

    const top = byCode('T-TOP2');
    const off = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { id: top.id, version: top.version, values: { ...values(top.code, null), names: top.names, sequence: top.sequence, active: false } });
    expect(off.active).toBe(false);
    await reload();
    expect([byCode('T-MID').active, byCode('T-LEAF').active]).toEqual([false, false]);
    const lookups = await ok<InterventionLookups>('interventions.lookups', {}, callers.operator);
    expect(lookups.requestTypes.some((t) => ['T-TOP2', 'T-MID', 'T-LEAF'].includes(t.code))).toBe(false);
    // A child cannot be active under an inactive parent.
    const leaf = byCode('T-LEAF');
    const on = await fails('admin.requestTypes.save', { id: leaf.id, version: leaf.version, values: { ...values('T-LEAF', leaf.parentId), names: leaf.names, active: true } });
    expect(paths(on)).toEqual(['values.active']);

    await ok('admin.requestTypes.delete', { id: leaf.id, version: leaf.version });
    await reload();
    expect(list.some((r) => r.code === 'T-LEAF')).toBe(false);
    const again = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: values('T-LEAF', null) });
    expect(again.code).toBe('T-LEAF');
    expect((await fails('admin.requestTypes.delete', { id: again.id, version: 99 })).code).toBe('conflict');
  });
});

describe('extra-field definitions', () => {
  let parent: RequestTypeAdminRow;
  let child: RequestTypeAdminRow;
  const def = (extra: Record<string, unknown> = {}) => ({ requestTypeId: parent.id, kind: 'checkbox', labels: names('Checked on site'), ...extra });

  beforeAll(async () => {
    parent = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: values('F-PARENT', null) });
    child = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: values('F-CHILD', parent.id) });
  });

  it('stores a checkbox required in finalized, and lists it on the type and, inherited, on its sub-types', async () => {
    const f = await ok<ExtraFieldDefinition>('admin.extraFields.save', { definition: def({ states: { finalized: 'required', taken: 'hidden', allocated: 'optional' } }) });
    expect(f).toMatchObject({ kind: 'checkbox', version: 1, options: [], states: { finalized: 'required', taken: 'hidden' }, active: true });
    expect(f.states.allocated).toBeUndefined(); // optional is what an absent status means
    const own = await ok<ExtraFieldAdminRow[]>('admin.extraFields.list', { requestTypeId: parent.id });
    expect(own).toEqual([expect.objectContaining({ id: f.id, inheritedFrom: null })]);
    const choice = await ok<ExtraFieldDefinition>('admin.extraFields.save', {
      definition: { requestTypeId: child.id, kind: 'choice', labels: names('Boiler brand'), options: ['Viessmann', 'Vaillant'], states: { confirmed: 'readonly' } },
    });
    const inherited = await ok<ExtraFieldAdminRow[]>('admin.extraFields.list', { requestTypeId: child.id });
    expect(inherited.map((x) => [x.id, x.inheritedFrom?.code ?? null])).toEqual([
      [f.id, 'F-PARENT'],
      [choice.id, null],
    ]);
    expect(effectiveExtraFields(d.app.ctx, child.id, { activeOnly: true }).map((x) => x.id)).toEqual([f.id, choice.id]);
  });

  it('refuses bad definitions with field messages, and keeps script tags as text', async () => {
    const bad: [unknown, string[]][] = [
      [{ definition: def({ kind: 'choice', labels: names('Brand 2') }) }, ['definition.options']],
      [{ definition: def({ options: ['a'], labels: names('Other 2') }) }, ['definition.options']],
      [{ definition: def({ kind: 'choice', options: ['A', 'a'], labels: names('Dup options') }) }, ['definition.options']],
      [{ definition: def({ labels: { en: 'Only English' } }) }, ['definition.labels.ca', 'definition.labels.pt-BR', 'definition.labels.ro']],
      [{ definition: def({ labels: { ...names('x'), ca: '' } }) }, ['definition.labels.ca']],
      [{ definition: def({ labels: names('L'.repeat(81)) }) }, ['definition.labels.ca', 'definition.labels.en', 'definition.labels.pt-BR', 'definition.labels.ro']],
      [{ definition: def({ kind: 'colour', labels: names('Colour') }) }, ['definition.kind']],
      [{ definition: def({ states: { finalized: 'mandatory' }, labels: names('S') }) }, ['definition.states.finalized']],
      [{ definition: def({ labels: names('Checked on site') }) }, ['definition.labels.en']], // same label as an existing field
      [{ definition: { ...def({ labels: names('Child clash') }), requestTypeId: child.id, labels: { ...names('Boiler brand'), en: 'Something else' } } }, ['definition.labels.ro']],
      [{ definition: def({ requestTypeId: 'no-such-type', labels: names('Lost') }) }, ['definition.requestTypeId']],
    ];
    for (const [input, expected] of bad) {
      const e = await fails('admin.extraFields.save', input);
      expect(e.code, JSON.stringify(input)).toBe('validation');
      expect(paths(e), JSON.stringify(input)).toEqual(expected);
    }
    const script = '<script>alert(1)</script>';
    const f = await ok<ExtraFieldDefinition>('admin.extraFields.save', { definition: def({ kind: 'choice', labels: names(script), options: [script, '<b>bold</b>'] }) });
    expect(f.labels.en).toBe(script);
    expect(f.options).toEqual([script, '<b>bold</b>']);
  });

  it('reorders, edits with a version, and deletes only a field without values', async () => {
    const before = (await ok<ExtraFieldAdminRow[]>('admin.extraFields.list', { requestTypeId: parent.id })).filter((x) => !x.inheritedFrom);
    expect(before.length).toBe(2);
    const reversed = [...before].reverse();
    const after = await ok<ExtraFieldDefinition[]>('admin.extraFields.reorder', { requestTypeId: parent.id, order: reversed.map((x) => ({ id: x.id, version: x.version })) });
    expect(after.map((x) => x.id)).toEqual(reversed.map((x) => x.id));
    expect((await fails('admin.extraFields.reorder', { requestTypeId: parent.id, order: [{ id: before[0]?.id, version: 1 }] })).code).toBe('conflict');
    // An unknown request type is missing, not "changed meanwhile".
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(await fails('admin.extraFields.reorder', { requestTypeId: unknown, order: [{ id: unknown, version: 1 }] })).toMatchObject({ code: 'not_found', message: 'The request type does not exist (any more).' });
    expect(await fails('admin.templates.reorder', { requestTypeId: unknown, order: [{ id: unknown, version: 1 }] })).toMatchObject({ code: 'not_found', message: 'The request type does not exist (any more).' });

    const first = after[0] as ExtraFieldDefinition;
    const edited = await ok<ExtraFieldDefinition>('admin.extraFields.save', {
      id: first.id,
      version: first.version,
      definition: { requestTypeId: parent.id, kind: first.kind, labels: { ...first.labels, en: 'Renamed' }, options: first.options, states: first.states, sequence: first.sequence, active: false },
    });
    expect(edited).toMatchObject({ active: false, labels: { en: 'Renamed' }, version: first.version + 1 });
    expect((await fails('admin.extraFields.save', { id: first.id, version: first.version, definition: def({ labels: names('Stale') }) })).code).toBe('conflict');
    const moveAway = await fails('admin.extraFields.save', { id: edited.id, version: edited.version, definition: { ...def({ labels: edited.labels, kind: edited.kind, options: edited.options }), requestTypeId: child.id } });
    expect(paths(moveAway)).toEqual(['definition.requestTypeId']);

    // An intervention of the child type holds a value of the checkbox field: it stays.
    const checkbox = after.find((x) => x.kind === 'checkbox') as ExtraFieldDefinition;
    const intervention = get<{ id: string }>('SELECT id FROM interventions WHERE deleted_at IS NULL LIMIT 1');
    d.app.ctx.raw
      .prepare('UPDATE interventions SET request_type_id = ?, class1_id = ?, class2_id = ?, class3_id = NULL, extra = ? WHERE id = ?')
      .run(child.id, parent.id, child.id, JSON.stringify({ [checkbox.id]: true }), intervention.id);
    const refused = await fails('admin.extraFields.delete', { id: checkbox.id, version: checkbox.version });
    expect(refused.message).toMatch(/deactivate it instead/);
    const kind = await fails('admin.extraFields.save', { id: checkbox.id, version: checkbox.version, definition: def({ kind: 'text', labels: checkbox.labels }) });
    expect(paths(kind)).toEqual(['definition.kind']);
    // The type is used now too.
    expect((await fails('admin.requestTypes.delete', { id: child.id, version: child.version })).message).toMatch(/used by interventions/);

    await ok('admin.extraFields.delete', { id: edited.id, version: edited.version });
    const left = await ok<ExtraFieldAdminRow[]>('admin.extraFields.list', { requestTypeId: parent.id });
    expect(left.map((x) => x.id)).toEqual([checkbox.id]);
  });
});

describe('form templates', () => {
  let type: RequestTypeAdminRow;
  let fileId: string;
  beforeAll(async () => {
    type = await ok<RequestTypeAdminRow>('admin.requestTypes.save', { values: values('TPL', null) });
    const admin = get<{ id: string }>("SELECT id FROM users WHERE login = 'admin'");
    const store = new FileStore(d.app.filesDir);
    fileId = addAttachment(d.app.ctx, store, { userId: admin.id }, { name: 'handover.pdf', bytes: new TextEncoder().encode('%PDF-1.4 blank form'), claimedType: 'application/pdf' }, 10_000_000).id;
  });

  it('attaches templates with a mode, lists them with their file, reorders and deletes', async () => {
    const a = await ok<RequestTypeTemplate>('admin.templates.save', { values: { requestTypeId: type.id, name: 'Handover sheet', attachmentId: fileId, mode: 'mandatory' } });
    expect(a).toMatchObject({ name: 'Handover sheet', mode: 'mandatory', attachment: { id: fileId, fileName: 'handover.pdf', mimeType: 'application/pdf' } });
    const b = await ok<RequestTypeTemplate>('admin.templates.save', { values: { requestTypeId: type.id, name: '<script>x</script>', attachmentId: fileId } });
    expect(b).toMatchObject({ mode: 'optional', name: '<script>x</script>' });
    expect(b.sequence).toBeGreaterThan(a.sequence);

    const bad: [unknown, string[]][] = [
      [{ values: { requestTypeId: type.id, name: '', attachmentId: fileId } }, ['values.name']],
      [{ values: { requestTypeId: type.id, name: 'n'.repeat(121), attachmentId: fileId } }, ['values.name']],
      [{ values: { requestTypeId: type.id, name: 'Ok', attachmentId: fileId, mode: 'sometimes' } }, ['values.mode']],
      [{ values: { requestTypeId: type.id, name: 'Ok', attachmentId: 'no-such-file' } }, ['values.attachmentId']],
      [{ values: { requestTypeId: type.id, name: 'handover SHEET', attachmentId: fileId } }, ['values.name']],
      [{ values: { requestTypeId: type.id, name: 'Ok' } }, ['values.attachmentId']],
    ];
    for (const [input, expected] of bad) {
      const e = await fails('admin.templates.save', input);
      expect(e.code, JSON.stringify(input)).toBe('validation');
      expect(paths(e), JSON.stringify(input)).toEqual(expected);
    }

    const edited = await ok<RequestTypeTemplate>('admin.templates.save', { id: a.id, version: a.version, values: { requestTypeId: type.id, name: 'Handover sheet', attachmentId: fileId, mode: 'informative', sequence: a.sequence } });
    expect(edited).toMatchObject({ mode: 'informative', version: 2 });
    const order = await ok<RequestTypeTemplate[]>('admin.templates.reorder', { requestTypeId: type.id, order: [b, edited].map((x) => ({ id: x.id, version: x.version })) });
    expect(order.map((x) => x.id)).toEqual([b.id, a.id]);
    await reload();
    expect(byCode('TPL').templateCount).toBe(2);

    const fresh = (await ok<RequestTypeTemplate[]>('admin.templates.list', { requestTypeId: type.id })).find((x) => x.id === b.id) as RequestTypeTemplate;
    await ok('admin.templates.delete', { id: b.id, version: fresh.version });
    expect((await ok<RequestTypeTemplate[]>('admin.templates.list', { requestTypeId: type.id })).map((x) => x.id)).toEqual([a.id]);
  });
});

describe('rights', () => {
  it('refuses every administration method to an operator and to a read-only auditor, in main', async () => {
    const some = list[0] as RequestTypeAdminRow;
    for (const caller of [callers.operator, callers.auditor]) {
      for (const [method, input] of [
        ['admin.requestTypes.list', {}],
        ['admin.requestTypes.save', { values: values('OP', null) }],
        ['admin.requestTypes.move', { id: some.id, version: some.version, parentId: null }],
        ['admin.requestTypes.delete', { id: some.id, version: some.version }],
        ['admin.extraFields.list', { requestTypeId: some.id }],
        ['admin.extraFields.save', { definition: { requestTypeId: some.id, kind: 'text', labels: names('Op field') } }],
        ['admin.templates.list', { requestTypeId: some.id }],
        ['admin.templates.delete', { id: 'x', version: 1 }],
      ] as const) {
        const e = await fails(method, input, caller);
        expect(e.code, method).toBe('forbidden');
      }
    }
    expect(get<{ n: number }>("SELECT count(*) n FROM request_types WHERE code = 'OP'").n).toBe(0);
  });
});
