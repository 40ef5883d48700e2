// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDetail } from '../../src/shared/api/client-schemas';
import type { HistoryEntry, InterventionDetail, InterventionMessage } from '../../src/shared/api/intervention-types';
import type { InterventionLookups } from '../../src/shared/api/types';
import { InterventionForm } from '../../src/renderer/src/modules/intervention-form/intervention-form';
import { FakeTransport, click, flush, mount, stubBrowser, typeInto, type Mounted } from './support';

let view: Mounted | null = null;

beforeAll(stubBrowser);
beforeEach(() => {
  window.__missingI18nKeys = [];
});
afterEach(() => {
  view?.unmount();
  view = null;
  expect(window.__missingI18nKeys).toEqual([]);
});

const LOOKUPS: InterventionLookups = {
  personnel: [
    { id: 'p-1', name: 'Ana Pop', operator: true, technician: false, verifier: true },
    { id: 'p-2', name: 'Dan Ion', operator: false, technician: true, verifier: false },
    { id: 'p-3', name: 'Ilie Mihai', operator: false, technician: true, verifier: false },
  ],
  requestTypes: [
    { id: 'rt-1', parentId: null, depth: 0, code: 'HEAT', name: 'Heating' },
    { id: 'rt-2', parentId: 'rt-1', depth: 1, code: 'BOIL', name: 'Boiler' },
  ],
  commercialZones: [],
  teams: [{ id: 't-1', name: 'North crew', memberIds: ['p-1', 'p-2'] }],
};

function detail(over: Partial<InterventionDetail> = {}): InterventionDetail {
  return {
    id: 'iv-1',
    version: 3,
    createdAt: Date.UTC(2026, 10, 1),
    updatedAt: Date.UTC(2026, 10, 1),
    status: 'taken',
    valid: false,
    seriesId: 's-1',
    seriesPrefix: 'INT',
    number: null,
    fullNumber: null,
    docDate: '2026-11-20',
    clientId: 'c-1',
    clientName: 'Acme SRL',
    contactPersonId: null,
    contactPersonName: null,
    requestTypeId: 'rt-2',
    requestTypePath: ['Heating', 'Boiler'],
    class1Id: null,
    class2Id: null,
    class3Id: null,
    priority: 2,
    confirmed: false,
    objectKind: 'text',
    objectText: 'Boiler leaks',
    productId: null,
    productName: null,
    assetId: null,
    serialLot: null,
    verifierId: null,
    verifierName: null,
    takenById: 'p-1',
    takenByName: 'Ana Pop',
    teamId: null,
    teamName: null,
    plannedStart: null,
    plannedEnd: null,
    finalizedAt: null,
    resolution: null,
    cancelledAt: null,
    cancelReason: null,
    notes: null,
    contractId: null,
    estimate: null,
    vehicle: null,
    source: 'phone',
    awaitingReply: false,
    technicians: [],
    extra: {},
    extraFields: [],
    templates: [],
    filledTemplateIds: [],
    ...over,
  };
}

const CLIENT: ClientDetail = {
  client: {
    id: 'c-1',
    version: 1,
    kind: 'company',
    name: 'Acme SRL',
    fiscalCode: 'RO123',
    address: 'Str. Lungă 5',
    locality: 'Brașov',
    county: 'Brașov',
    country: 'RO',
    commercialZone: 'Centru',
    phone: '+40722000001',
    workPhone: null,
    email: null,
    notes: null,
  },
  contacts: [{ id: 'cp-1', version: 1, clientId: 'c-1', name: 'Maria Ionescu', jobFunction: 'Admin', role: null, phone: null, email: null, preferredContact: 'phone' }],
  interventions: { open: 2, total: 7 },
};

function transport(d: InterventionDetail = detail()): FakeTransport {
  const tr = new FakeTransport();
  tr.state = 'connected';
  tr.answers['interventions.get'] = () => ({ ok: true, value: d });
  tr.answers['clients.list'] = () => ({ ok: true, value: [CLIENT.client] });
  tr.answers['clients.get'] = () => ({ ok: true, value: CLIENT });
  return tr;
}

const ui = (id: string | null = 'iv-1', onClose = () => {}) => (
  <>
    <Notifications />
    <InterventionForm interventionId={id} lookups={LOOKUPS} personId="p-1" onClose={onClose} />
  </>
);

const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const input = (id: string) => q(id) as HTMLInputElement;

function key(el: Element, k: string, extra: KeyboardEventInit = {}) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
  });
}

describe('the intervention form', () => {
  it('opens an intervention with its fields, status, client panel and the request type path', async () => {
    view = await mount(ui(), transport());
    await flush(5);
    expect(q('ivf-status')?.dataset.status).toBe('taken');
    expect(q('ivf-status')?.textContent).toBe('Taken');
    expect(q('ivf-number')?.textContent).toBe('(no number)');
    expect(input('ivf-field-object').value).toBe('Boiler leaks');
    expect(input('ivf-field-requestType').value).toBe('Heating › Boiler');
    expect(input('ivf-field-client').value).toContain('Acme SRL');
    expect(q('ivf-client-panel')?.textContent).toContain('Str. Lungă 5');
    expect(q('ivf-client-contacts')?.textContent).toBe('1');
    expect(q('ivf-client-open')?.textContent).toBe('2 of 7');
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
    // Fields come in the order an operator works (and Tab follows the DOM).
    const order = [...document.querySelectorAll('[data-testid^="ivf-field-"]')].map((e) => e.getAttribute('data-testid'));
    expect(order.indexOf('ivf-field-client')).toBeLessThan(order.indexOf('ivf-field-contactPerson'));
    expect(order.indexOf('ivf-field-requestType')).toBeLessThan(order.indexOf('ivf-field-object'));
    expect(order.indexOf('ivf-field-plannedStart')).toBeLessThan(order.indexOf('ivf-field-plannedEnd'));
  });

  it('saves only what changed with Ctrl+S, then validates and shows the number', async () => {
    const tr = transport();
    tr.answers['interventions.update'] = () => ({ ok: true, value: detail({ version: 4, objectText: 'Boiler leaks a lot' }) });
    tr.answers['interventions.validate'] = () => ({ ok: true, value: detail({ version: 5, objectText: 'Boiler leaks a lot', valid: true, number: 42, fullNumber: 'INT-42' }) });
    view = await mount(ui(), tr);
    await flush(5);
    await typeInto(q('ivf-field-object')!, 'Boiler leaks a lot');
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
    key(q('ivf-field-object')!, 's', { ctrlKey: true });
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { objectText: 'Boiler leaks a lot' } } });
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
    await click(q('ivf-validate')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.validate', input: { id: 'iv-1', version: 4 } });
    expect(q('ivf-number')?.textContent).toBe('INT-42');
    expect(q('ivf-validate')).toBeNull();
  });

  it('puts the server field messages on their fields, in the user language', async () => {
    const tr = transport();
    tr.answers['interventions.update'] = () => ({
      ok: false,
      error: { code: 'validation', message: 'Some fields are not valid.', issues: [{ path: 'docDate', message: 'outside the open working period' }] },
    });
    view = await mount(ui(), tr, 'ro');
    await flush(5);
    await typeInto(q('ivf-field-vehicle')!, 'B-12-XYZ');
    await click(q('ivf-save')!);
    await flush(3);
    const docDate = q('ivf-field-docDate')!.closest('.mantine-InputWrapper-root');
    expect(docDate?.textContent).toContain('Data nu este în perioada de lucru deschisă.');
    expect(q('ivf-error')?.textContent).toContain('Verificați câmpurile marcate cu roșu.');
  });

  it('a new form asks for the client before calling the server', async () => {
    const tr = transport();
    view = await mount(ui(null), tr);
    await flush(5);
    expect(q('ivf-tab-messages')?.hasAttribute('disabled') || q('ivf-tab-messages')?.getAttribute('data-disabled') === 'true').toBe(true);
    await typeInto(q('ivf-field-object')!, 'Noise');
    await click(q('ivf-save')!);
    expect(tr.calls.some((c) => c.method === 'interventions.create')).toBe(false);
    expect(q('ivf-field-client')!.closest('.mantine-InputWrapper-root')?.textContent).toContain('Choose the client.');
  });

  it('a stale save shows both values and saves the chosen one over the new version', async () => {
    const tr = transport();
    let updates = 0;
    tr.answers['interventions.update'] = (inp) => {
      updates++;
      const i = inp as { version: number; patch: Record<string, unknown> };
      if (i.version === 3) return { ok: false, error: { code: 'conflict', message: 'changed', issues: [{ path: 'version', message: '4' }, { path: 'objectText', message: '"Boiler replaced"' }] } };
      return { ok: true, value: detail({ version: 5, objectText: String(i.patch.objectText) }) };
    };
    view = await mount(ui(), tr);
    await flush(5);
    tr.answers['interventions.get'] = () => ({ ok: true, value: detail({ version: 4, objectText: 'Boiler replaced' }) });
    await typeInto(q('ivf-field-object')!, 'Boiler leaks again');
    await click(q('ivf-save')!);
    await flush(5);
    expect(q('conflict-dialog')).not.toBeNull();
    expect(q('conflict-row-objectText')?.textContent).toContain('Boiler leaks again');
    expect(q('conflict-row-objectText')?.textContent).toContain('Boiler replaced');
    await click(q('conflict-pick-objectText-theirs')!.querySelector('input') ?? q('conflict-pick-objectText-theirs')!);
    await click(q('conflict-apply')!);
    await flush(5);
    // Theirs kept: nothing left to write, so no second update; the form shows their value.
    expect(updates).toBe(1);
    expect(input('ivf-field-object').value).toBe('Boiler replaced');
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
  });

  it('keeps mine after a conflict: saved over the fresh version', async () => {
    const tr = transport();
    const seen: number[] = [];
    tr.answers['interventions.update'] = (inp) => {
      const i = inp as { version: number; patch: Record<string, unknown> };
      seen.push(i.version);
      if (i.version === 3) return { ok: false, error: { code: 'conflict', message: 'changed', issues: [{ path: 'version', message: '4' }] } };
      return { ok: true, value: detail({ version: 5, objectText: String(i.patch.objectText) }) };
    };
    view = await mount(ui(), tr);
    await flush(5);
    tr.answers['interventions.get'] = () => ({ ok: true, value: detail({ version: 4, objectText: 'Boiler replaced' }) });
    await typeInto(q('ivf-field-object')!, 'Mine');
    await click(q('ivf-save')!);
    await flush(5);
    await click(q('conflict-apply')!);
    await flush(5);
    expect(seen).toEqual([3, 4]);
    expect(input('ivf-field-object').value).toBe('Mine');
  });

  it('finalize asks for a resolution; a finalized intervention opens read-only', async () => {
    const tr = transport();
    tr.answers['interventions.finalize'] = () => ({ ok: true, value: detail({ version: 4, status: 'finalized', finalizedAt: 1, resolution: 'Replaced the valve' }) });
    view = await mount(ui(), tr);
    await flush(5);
    await click(q('ivf-finalize')!);
    await click(q('ivf-reason-confirm')!);
    expect(tr.calls.some((c) => c.method === 'interventions.finalize')).toBe(false);
    const area = q('ivf-reason') as HTMLTextAreaElement;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, 'Replaced the valve');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.finalize', input: { id: 'iv-1', version: 3, resolution: 'Replaced the valve' } });
    expect(q('ivf-status')?.dataset.status).toBe('finalized');
    expect(q('ivf-save')).toBeNull();
    expect(q('ivf-cancel')).toBeNull();
    expect(q('ivf-readonly')?.textContent).toContain('Replaced the valve');
    expect(input('ivf-field-object').readOnly).toBe(true);
  });

  it('a refused finalize keeps the dialog open with the resolution typed and says why', async () => {
    const tr = transport();
    tr.answers['interventions.finalize'] = () => ({
      ok: false,
      error: { code: 'validation', message: 'Not yet.', issues: [{ path: 'resolution', message: 'the mandatory template "Handover sheet" is not filled in' }] },
    });
    view = await mount(ui(), tr);
    await flush(5);
    await click(q('ivf-finalize')!);
    const area = q('ivf-reason') as HTMLTextAreaElement;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, 'Replaced the valve');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    expect(tr.calls.filter((c) => c.method === 'interventions.finalize')).toHaveLength(1);
    expect(q('ivf-reason-dialog')).not.toBeNull();
    expect((q('ivf-reason') as HTMLTextAreaElement).value).toBe('Replaced the valve');
    expect(q('ivf-reason-dialog')?.textContent).toContain('Handover sheet');
    expect(q('ivf-status')?.dataset.status).toBe('taken');
  });

  it('cancel asks for a reason and reloads the intervention', async () => {
    const tr = transport();
    tr.answers['interventions.cancel'] = () => {
      tr.answers['interventions.get'] = () => ({ ok: true, value: detail({ version: 4, status: 'cancelled', cancelledAt: 1, cancelReason: 'Duplicate' }) });
      return { ok: true, value: null };
    };
    view = await mount(ui(), tr);
    await flush(5);
    await click(q('ivf-cancel')!);
    const area = q('ivf-reason') as HTMLTextAreaElement;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, 'Duplicate');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.cancel', input: { id: 'iv-1', version: 3, reason: 'Duplicate' } });
    expect(q('ivf-status')?.dataset.status).toBe('cancelled');
    expect(q('ivf-readonly')?.textContent).toContain('Duplicate');
  });

  it('Esc closes a clean form at once and asks first when there are changes', async () => {
    let closed = 0;
    view = await mount(
      ui('iv-1', () => closed++),
      transport(),
    );
    await flush(5);
    key(q('ivf-field-object')!, 'Escape');
    expect(closed).toBe(1);
    await typeInto(q('ivf-field-object')!, 'changed');
    key(q('ivf-field-object')!, 'Escape');
    await flush(2);
    expect(closed).toBe(1);
    expect(q('ivf-discard-dialog')).not.toBeNull();
    await click(q('ivf-discard-confirm')!);
    expect(closed).toBe(2);
  });

  it('shows a refusal of the server (no right) and keeps the changes', async () => {
    const tr = transport();
    tr.answers['interventions.update'] = () => ({ ok: false, error: { code: 'forbidden', message: 'You have no right to change interventions.' } });
    view = await mount(ui(), tr);
    await flush(5);
    await typeInto(q('ivf-field-object')!, 'try');
    await click(q('ivf-save')!);
    await flush(3);
    expect(q('ivf-error')?.textContent).toContain('You have no right to change interventions.');
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
  });

  it('messages: lists the thread and adds a note; history: one row per entry with old → new', async () => {
    const tr = transport();
    const thread: InterventionMessage[] = [{ id: 'm-1', at: Date.UTC(2026, 10, 2, 9), kind: 'note', personId: 'p-1', personName: 'Ana Pop', body: 'Called the client', attachmentId: null, registerEntryId: null }];
    tr.answers['interventions.messages.list'] = () => ({ ok: true, value: [...thread] });
    tr.answers['interventions.messages.add'] = (inp) => {
      const m: InterventionMessage = { ...thread[0]!, id: 'm-2', body: (inp as { body: string }).body };
      thread.push(m);
      return { ok: true, value: m };
    };
    const history: HistoryEntry[] = [
      { id: 'h-1', at: 1, userId: 'u', userName: 'Ana Admin', action: 'create', subject: 'intervention', rowId: 'iv-1', fields: null, changes: null },
      { id: 'h-2', at: 2, userId: 'u', userName: 'Ana Admin', action: 'update', subject: 'intervention', rowId: 'iv-1', fields: ['object_text'], changes: { object_text: ['a', 'b'] } },
    ];
    tr.answers['interventions.history'] = () => ({ ok: true, value: history });
    view = await mount(ui(), tr);
    await flush(5);
    await click(q('ivf-tab-messages')!);
    await flush(3);
    expect(document.querySelectorAll('[data-testid="ivf-message"]')).toHaveLength(1);
    const area = q('ivf-message-body') as HTMLTextAreaElement;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, 'On my way');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(q('ivf-message-add')!);
    await flush(3);
    expect(tr.calls).toContainEqual({ method: 'interventions.messages.add', input: { id: 'iv-1', body: 'On my way', kind: 'note' } });
    expect(document.querySelectorAll('[data-testid="ivf-message"]')).toHaveLength(2);
    await click(q('ivf-tab-history')!);
    await flush(3);
    const rows = document.querySelectorAll('[data-testid="ivf-history-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Created');
    expect(rows[1]?.textContent).toContain('Object of the request: a → b');
  });

  it('plans it: team (proposing its technicians), saved with the fields, then the technicians assigned and their answers shown', async () => {
    const planned = { verifierId: 'p-1', verifierName: 'Ana Pop', plannedStart: Date.UTC(2026, 10, 21, 8), plannedEnd: Date.UTC(2026, 10, 21, 12) };
    const tr = transport(detail(planned));
    tr.answers['interventions.update'] = () => ({ ok: true, value: detail({ ...planned, version: 4, teamId: 't-1', teamName: 'North crew', status: 'allocated' }) });
    tr.answers['interventions.assignTechnicians'] = () => ({
      ok: true,
      value: detail({
        ...planned,
        version: 5,
        teamId: 't-1',
        teamName: 'North crew',
        status: 'allocated',
        technicians: [{ id: 'it-1', version: 1, personId: 'p-2', name: 'Dan Ion', answer: 'pending', reason: null, answeredAt: null }],
      }),
    });
    view = await mount(ui(), tr);
    await flush(5);
    await click(input('ivf-field-team'));
    await flush(2);
    const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent === 'North crew');
    expect(option).toBeTruthy();
    await click(option!);
    await flush(2);
    // p-1 is in the team but no technician: only Dan Ion is proposed.
    const pills = () => [...document.querySelectorAll('.mantine-MultiSelect-pill')].map((e) => e.textContent);
    expect(pills()).toEqual(['Dan Ion']);
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
    await click(q('ivf-save')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { teamId: 't-1' } } });
    expect(tr.calls).toContainEqual({ method: 'interventions.assignTechnicians', input: { id: 'iv-1', personIds: ['p-2'] } });
    expect(q('ivf-status')?.dataset.status).toBe('allocated');
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
    const answer = q('ivf-technician-answer');
    expect(answer?.dataset.answer).toBe('pending');
    expect(answer?.textContent).toBe('Dan Ion: Pending');
  });

  it('shows a rejection with its reason', async () => {
    const tr = transport(detail({ technicians: [{ id: 'it-1', version: 2, personId: 'p-2', name: 'Dan Ion', answer: 'rejected', reason: 'No parts', answeredAt: 1 }] }));
    view = await mount(ui(), tr, 'ro');
    await flush(5);
    expect(q('ivf-technician-answer')?.textContent).toBe('Dan Ion: Respins: No parts');
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
  });
});
