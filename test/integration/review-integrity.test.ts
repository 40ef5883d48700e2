import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { addAttachment } from '../../src/main/files/attachments';
import { FileStore } from '../../src/main/files/file-store';
import type { ApiErrorBody } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { InterventionDetail } from '../../src/shared/api/interventions';

/*
 * Review of data integrity through the API, as the renderer calls it: a number, once given in
 * a series, stays there (never moves to another series, where that series would give it again),
 * and the prefix it was given with stays too (a new series with the old prefix would repeat it);
 * the blank form of a template never counts as its filled-in copy.
 */

let d: DemoApp;
let dispatch: Dispatch;
const admin: Caller = { transport: 'ipc', token: null };

async function ok<T>(method: string, input: unknown): Promise<T> {
  const r = await dispatch(admin, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(method: string, input: unknown): Promise<ApiErrorBody> {
  const r = await dispatch(admin, method, input);
  if (r.ok) throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
  return r.error;
}
const one = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;

let clientId: string;

beforeAll(async () => {
  d = demoApp(100);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  const r = await dispatch(admin, 'auth.login', { login: 'admin', password: 'demo' });
  expect(r.ok).toBe(true);
  clientId = one<{ id: string }>('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT 1').id;
}, 60_000);
afterAll(() => d.dispose());

const create = (extra: Record<string, unknown>) =>
  ok<InterventionDetail>('interventions.create', { docDate: '2026-11-20', clientId, objectKind: 'text', objectText: 'Boiler leaks', ...extra });

describe('numbers of validated interventions', () => {
  it('stay in their series: a validated intervention cannot move to another series or date', async () => {
    const first = one<{ id: string }>("SELECT id FROM series WHERE doc_type = 'intervention' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1").id;
    const other = await ok<{ id: string; nextNumber: number }>('admin.series.create', { docType: 'intervention', prefix: 'RVW', nextNumber: 1, endNumber: 999, active: true });
    const validated = await create({ seriesId: first, validate: true });
    expect(validated.number).not.toBeNull();
    const moved = one<{ next_number: number }>('SELECT next_number FROM series WHERE id = ?', first).next_number;

    // Moving it would put its number into RVW, where RVW's own counter later gives it again.
    const e = await fails('interventions.update', { id: validated.id, version: validated.version, patch: { seriesId: other.id } });
    expect(e.code).toBe('validation');
    expect(e.issues?.map((i) => i.path)).toEqual(['seriesId']);
    const after = one<{ series_id: string; number: number }>('SELECT series_id, number FROM interventions WHERE id = ?', validated.id);
    expect(after).toEqual({ series_id: first, number: validated.number });
    expect(one<{ next_number: number }>('SELECT next_number FROM series WHERE id = ?', first).next_number).toBe(moved);

    // Its date is fixed the same way (the form shows it read-only; main enforces it).
    const e2 = await fails('interventions.update', { id: validated.id, version: validated.version, patch: { docDate: '2026-11-19' } });
    expect(e2.code).toBe('validation');
    expect(e2.issues?.map((i) => i.path)).toEqual(['docDate']);
    expect(one<{ doc_date: string }>('SELECT doc_date FROM interventions WHERE id = ?', validated.id).doc_date).toBe('2026-11-20');

    // Saving the same series again is no change and passes; a draft may still choose its series.
    await ok('interventions.update', { id: validated.id, version: validated.version, patch: { seriesId: first, docDate: '2026-11-20', notes: 'same series' } });
    const draft = await create({ seriesId: first });
    const redirected = await ok<InterventionDetail>('interventions.update', { id: draft.id, version: draft.version, patch: { seriesId: other.id } });
    const numbered = await ok<InterventionDetail>('interventions.validate', { id: redirected.id, version: redirected.version });
    expect(one<{ series_id: string; number: number }>('SELECT series_id, number FROM interventions WHERE id = ?', numbered.id)).toEqual({ series_id: other.id, number: 1 });
  });
});

describe('the prefix of a series', () => {
  type Series = { id: string; version: number; docType: string; prefix: string; nextNumber: number; endNumber: number; active: boolean };
  const update = (x: Series, prefix: string) => ({ id: x.id, version: x.version, prefix, nextNumber: x.nextNumber, endNumber: x.endNumber, active: x.active });
  const listed = async (id: string) => (await ok<Series[]>('admin.series.list', {})).find((x) => x.id === id)!;

  it('can change until the series gives a number; then it is part of every number and stays', async () => {
    const created = await ok<Series>('admin.series.create', { docType: 'intervention', prefix: 'PFX', nextNumber: 1, endNumber: 99 });
    // No number given yet: a typo in the prefix can still be corrected.
    const renamed = await ok<Series>('admin.series.update', update(created, 'PFX2'));
    expect(renamed.prefix).toBe('PFX2');
    const given = await create({ seriesId: created.id, validate: true });
    expect(given.fullNumber).toBe('PFX2-1');

    const e = await fails('admin.series.update', update(await listed(created.id), 'PFX'));
    expect(e.code).toBe('validation');
    expect(e.issues?.map((i) => i.path)).toEqual(['prefix']);
    expect((await ok<InterventionDetail>('interventions.get', { id: given.id })).fullNumber).toBe('PFX2-1');
    // Everything else of the series can still change.
    const s = await listed(created.id);
    expect((await ok<Series>('admin.series.update', { ...update(s, 'PFX2'), endNumber: 50 })).endNumber).toBe(50);
  });

  it('of the correspondence register stays once an entry carries it', async () => {
    const reg = (await ok<Series[]>('admin.series.list', {})).find((x) => x.docType === 'register' && x.active)!;
    const entry = await ok<{ number: string }>('register.create', { date: '2026-11-20', direction: 'in', party: 'Town hall', subject: 'Permit' });
    expect(entry.number.startsWith(`${reg.prefix}-`)).toBe(true);
    const e = await fails('admin.series.update', update(await listed(reg.id), 'LETTERS'));
    expect(e.issues?.map((i) => i.path)).toEqual(['prefix']);
  });
});

describe('a form template in the thread', () => {
  it('is not filled in by its own blank form (nor the same bytes uploaded again); a real copy is', async () => {
    const typeId = one<{ id: string }>('SELECT id FROM request_types WHERE active = 1 AND deleted_at IS NULL ORDER BY depth DESC, id LIMIT 1').id;
    const store = new FileStore(d.app.filesDir);
    const upload = (name: string, text: string) => addAttachment(d.app.ctx, store, { userId: null }, { name, bytes: new TextEncoder().encode(text) }, 1024 * 1024).id;
    const blank = upload('checklist.pdf', '%PDF-1.4 blank checklist');
    const template = await ok<{ id: string }>('admin.templates.save', { values: { requestTypeId: typeId, name: 'Review checklist', attachmentId: blank, mode: 'mandatory' } });
    const iv = await create({ requestTypeId: typeId });

    for (const attachmentId of [blank, upload('checklist (1).pdf', '%PDF-1.4 blank checklist')]) {
      const e = await fails('interventions.messages.add', { id: iv.id, body: 'Here it is', attachmentId, templateId: template.id });
      expect(e.code).toBe('validation');
      expect(e.issues?.map((i) => i.path)).toEqual(['attachmentId']);
      expect(e.message).toContain('blank form');
    }
    expect((await ok<InterventionDetail>('interventions.get', { id: iv.id })).filledTemplateIds).toEqual([]);

    // The blank form may still be shared as a plain file, and a filled-in copy counts.
    await ok('interventions.messages.add', { id: iv.id, body: 'The form to fill in', attachmentId: blank });
    await ok('interventions.messages.add', { id: iv.id, body: 'Signed', attachmentId: upload('signed.pdf', '%PDF-1.4 signed checklist'), templateId: template.id });
    expect((await ok<InterventionDetail>('interventions.get', { id: iv.id })).filledTemplateIds).toEqual([template.id]);
  });
});
