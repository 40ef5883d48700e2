// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import { InterventionForm } from '../../src/renderer/src/features/interventions/intervention-form';
import { LOOKUPS, formTestSetup, formTransport, input, interventionDetail, pickOption, pressKey, q, typeArea } from './intervention-form-fixtures';
import { click, flush, typeInto } from './support';
import type { HistoryEntry } from '../../src/shared/api/audit';
import type { InterventionMessage } from '../../src/shared/api/thread';

const open = formTestSetup();

const ui = (id: string | null = 'iv-1', onClose = () => {}, canWrite = true) => (
  <>
    <Notifications />
    <InterventionForm interventionId={id} lookups={LOOKUPS} personId="p-1" canWrite={canWrite} onClose={onClose} />
  </>
);

describe('the intervention form', () => {
  it('opens an intervention with its fields, status, client panel and the request type path', async () => {
    await open(ui(), formTransport());
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
    const tr = formTransport();
    tr.answers['interventions.update'] = () => ({ ok: true, value: interventionDetail({ version: 4, objectText: 'Boiler leaks a lot' }) });
    tr.answers['interventions.validate'] = () => ({ ok: true, value: interventionDetail({ version: 5, objectText: 'Boiler leaks a lot', valid: true, number: 42, fullNumber: 'INT-42' }) });
    await open(ui(), tr);
    await flush(5);
    await typeInto(q('ivf-field-object')!, 'Boiler leaks a lot');
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
    pressKey(q('ivf-field-object')!, 's', { ctrlKey: true });
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { objectText: 'Boiler leaks a lot' } } });
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
    await click(q('ivf-validate')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.validate', input: { id: 'iv-1', version: 4 } });
    expect(q('ivf-number')?.textContent).toBe('INT-42');
    expect(q('ivf-validate')).toBeNull();
  });

  it('"keep the client informed" follows the request type until changed, says when nobody can be written to, and saves the own choice', async () => {
    const tr = formTransport();
    tr.answers['interventions.update'] = () => ({ ok: true, value: interventionDetail({ version: 4, mailClient: false }) });
    await open(ui(), tr);
    await flush(5);
    const box = input('ivf-field-mailClient');
    // Heating keeps its clients informed, and Boiler is under it; the intervention leaves it to the type.
    expect(box.checked).toBe(true);
    expect(box.dataset.own).toBe('false');
    // Neither Acme SRL nor its contact has an address: the operator is told, not left to wonder.
    expect(q('ivf-mail-client-no-address')?.textContent).toBe('Neither the contact person nor the client has an e-mail address: nothing can be sent.');
    await click(box);
    expect(input('ivf-field-mailClient').checked).toBe(false);
    expect(input('ivf-field-mailClient').dataset.own).toBe('true');
    expect(q('ivf-mail-client-no-address')).toBeNull();
    expect(document.body.textContent).toContain('Chosen for this intervention, whatever its request type says.');
    pressKey(q('ivf-field-mailClient')!, 's', { ctrlKey: true });
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { mailClient: false } } });
  });

  it('puts the server field messages on their fields, in the user language', async () => {
    const tr = formTransport();
    tr.answers['interventions.update'] = () => ({
      ok: false,
      error: { code: 'validation', message: 'Some fields are not valid.', issues: [{ path: 'docDate', message: 'outside the open working period' }] },
    });
    await open(ui(), tr, 'ro');
    await flush(5);
    await typeInto(q('ivf-field-vehicle')!, 'B-12-XYZ');
    await click(q('ivf-save')!);
    await flush(3);
    const docDate = q('ivf-field-docDate')!.closest('.mantine-InputWrapper-root');
    expect(docDate?.textContent).toContain('Data nu este în perioada de lucru deschisă.');
    expect(q('ivf-error')?.textContent).toContain('Verificați câmpurile marcate cu roșu.');
  });

  it('a new form asks for the client before calling the server', async () => {
    const tr = formTransport();
    await open(ui(null), tr);
    await flush(5);
    expect(q('ivf-tab-messages')?.hasAttribute('disabled') || q('ivf-tab-messages')?.getAttribute('data-disabled') === 'true').toBe(true);
    await typeInto(q('ivf-field-object')!, 'Noise');
    await click(q('ivf-save')!);
    expect(tr.calls.some((c) => c.method === 'interventions.create')).toBe(false);
    expect(q('ivf-field-client')!.closest('.mantine-InputWrapper-root')?.textContent).toContain('Choose the client.');
  });

  it('a stale save shows both values and saves the chosen one over the new version', async () => {
    const tr = formTransport();
    let updates = 0;
    tr.answers['interventions.update'] = (inp) => {
      updates++;
      const i = inp as { version: number; patch: Record<string, unknown> };
      if (i.version === 3) return { ok: false, error: { code: 'conflict', message: 'changed', issues: [{ path: 'version', message: '4' }, { path: 'objectText', message: '"Boiler replaced"' }] } };
      return { ok: true, value: interventionDetail({ version: 5, objectText: String(i.patch.objectText) }) };
    };
    await open(ui(), tr);
    await flush(5);
    tr.answers['interventions.get'] = () => ({ ok: true, value: interventionDetail({ version: 4, objectText: 'Boiler replaced' }) });
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
    const tr = formTransport();
    const seen: number[] = [];
    tr.answers['interventions.update'] = (inp) => {
      const i = inp as { version: number; patch: Record<string, unknown> };
      seen.push(i.version);
      if (i.version === 3) return { ok: false, error: { code: 'conflict', message: 'changed', issues: [{ path: 'version', message: '4' }] } };
      return { ok: true, value: interventionDetail({ version: 5, objectText: String(i.patch.objectText) }) };
    };
    await open(ui(), tr);
    await flush(5);
    tr.answers['interventions.get'] = () => ({ ok: true, value: interventionDetail({ version: 4, objectText: 'Boiler replaced' }) });
    await typeInto(q('ivf-field-object')!, 'Mine');
    await click(q('ivf-save')!);
    await flush(5);
    await click(q('conflict-apply')!);
    await flush(5);
    expect(seen).toEqual([3, 4]);
    expect(input('ivf-field-object').value).toBe('Mine');
  });

  it('without the write right the form only reads: a banner says why and nothing can be saved', async () => {
    await open(ui('iv-1', () => {}, false), formTransport());
    await flush(5);
    expect(q('ivf-readonly')?.textContent).toContain('no right to change interventions');
    expect(q('ivf-save')).toBeNull();
    expect(q('ivf-finalize')).toBeNull();
    expect(q('ivf-cancel')).toBeNull();
    expect(input('ivf-field-object').readOnly).toBe(true);
  });

  it('finalize asks for a resolution; a finalized intervention opens read-only', async () => {
    const tr = formTransport(interventionDetail({ status: 'allocated', verifierId: 'p-1', verifierName: 'Ana Pop', teamId: 't-1', teamName: 'North crew', plannedStart: Date.UTC(2026, 10, 23, 8), plannedEnd: Date.UTC(2026, 10, 23, 10) }));
    tr.answers['interventions.finalize'] = () => ({ ok: true, value: interventionDetail({ version: 4, status: 'finalized', finalizedAt: 1, resolution: 'Replaced the valve' }) });
    await open(ui(), tr);
    await flush(5);
    await click(q('ivf-finalize')!);
    await click(q('ivf-reason-confirm')!);
    expect(tr.calls.some((c) => c.method === 'interventions.finalize')).toBe(false);
    await typeArea(q('ivf-reason') as HTMLTextAreaElement, 'Replaced the valve');
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
    const tr = formTransport(interventionDetail({ status: 'allocated', verifierId: 'p-1', verifierName: 'Ana Pop', teamId: 't-1', teamName: 'North crew', plannedStart: Date.UTC(2026, 10, 23, 8), plannedEnd: Date.UTC(2026, 10, 23, 10) }));
    tr.answers['interventions.finalize'] = () => ({
      ok: false,
      error: { code: 'validation', message: 'Not yet.', issues: [{ path: 'resolution', message: 'the mandatory template "Handover sheet" is not filled in' }] },
    });
    await open(ui(), tr);
    await flush(5);
    await click(q('ivf-finalize')!);
    await typeArea(q('ivf-reason') as HTMLTextAreaElement, 'Replaced the valve');
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    expect(tr.calls.filter((c) => c.method === 'interventions.finalize')).toHaveLength(1);
    expect(q('ivf-reason-dialog')).not.toBeNull();
    expect((q('ivf-reason') as HTMLTextAreaElement).value).toBe('Replaced the valve');
    expect(q('ivf-reason-dialog')?.textContent).toContain('Handover sheet');
    expect(q('ivf-status')?.dataset.status).toBe('allocated');
  });

  it('finalize waits for the plan: disabled until start, end, team and verifier are there', async () => {
    await open(ui(), formTransport());
    await flush(5);
    expect((q('ivf-finalize') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a refusal of the record’s state says its reason, not "someone else changed it"', async () => {
    const tr = formTransport(interventionDetail({ status: 'allocated', verifierId: 'p-1', verifierName: 'Ana Pop', teamId: 't-1', teamName: 'North crew', plannedStart: Date.UTC(2026, 10, 23, 8), plannedEnd: Date.UTC(2026, 10, 23, 10) }));
    tr.answers['interventions.finalize'] = () => ({
      ok: false,
      error: { code: 'refused', message: 'Dan Ion rejected the assignment: take them off the team, or ask again, first.', refusal: { reason: 'rejectedBy', names: 'Dan Ion' } },
    });
    await open(ui(), tr);
    await flush(5);
    await click(q('ivf-finalize')!);
    await typeArea(q('ivf-reason') as HTMLTextAreaElement, 'Done');
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    const said = q('ivf-reason-dialog')?.textContent ?? '';
    expect(said).toContain('Dan Ion rejected the assignment: take them off the team, or ask them again, first.');
    expect(said).not.toContain('Someone else changed');
  });

  it('cancel asks for a reason and reloads the intervention', async () => {
    const tr = formTransport();
    tr.answers['interventions.cancel'] = () => {
      // The cancel answers with the intervention as it now is: no second call to read it again.
      return { ok: true, value: interventionDetail({ version: 4, status: 'cancelled', cancelledAt: 1, cancelReason: 'Duplicate' }) };
    };
    await open(ui(), tr);
    await flush(5);
    await click(q('ivf-cancel')!);
    await typeArea(q('ivf-reason') as HTMLTextAreaElement, 'Duplicate');
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.cancel', input: { id: 'iv-1', version: 3, reason: 'Duplicate' } });
    expect(q('ivf-status')?.dataset.status).toBe('cancelled');
    expect(q('ivf-readonly')?.textContent).toContain('Duplicate');
  });

  it('Esc closes a clean form at once and asks first when there are changes', async () => {
    let closed = 0;
    await open(
      ui('iv-1', () => closed++),
      formTransport(),
    );
    await flush(5);
    pressKey(q('ivf-field-object')!, 'Escape');
    expect(closed).toBe(1);
    await typeInto(q('ivf-field-object')!, 'changed');
    pressKey(q('ivf-field-object')!, 'Escape');
    await flush(2);
    expect(closed).toBe(1);
    expect(q('ivf-discard-dialog')).not.toBeNull();
    await click(q('ivf-discard-confirm')!);
    expect(closed).toBe(2);
  });

  it('shows a refusal of the server (no right) and keeps the changes', async () => {
    const tr = formTransport();
    tr.answers['interventions.update'] = () => ({ ok: false, error: { code: 'forbidden', message: 'You have no right to change interventions.' } });
    await open(ui(), tr);
    await flush(5);
    await typeInto(q('ivf-field-object')!, 'try');
    await click(q('ivf-save')!);
    await flush(3);
    expect(q('ivf-error')?.textContent).toContain('You have no right to change interventions.');
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
  });

  it('messages: lists the thread and adds a note; history: one row per entry with old → new', async () => {
    const tr = formTransport();
    const thread: InterventionMessage[] = [{ id: 'm-1', at: Date.UTC(2026, 10, 2, 9), kind: 'note', personId: 'p-1', personName: 'Ana Pop', body: 'Called the client', attachmentId: null, registerEntryId: null }];
    tr.answers['interventions.messages.list'] = () => ({ ok: true, value: [...thread] });
    tr.answers['interventions.messages.add'] = (inp) => {
      const m: InterventionMessage = { ...thread[0]!, id: 'm-2', body: (inp as { body: string }).body };
      thread.push(m);
      return { ok: true, value: m };
    };
    const names = { 'c-2': 'Beta SRL', 'p-9': 'Ion Tehnician' };
    const history: HistoryEntry[] = [
      { id: 'h-1', at: 1, userId: 'u', userName: 'Ana Admin', action: 'create', subject: 'intervention', rowId: 'iv-1', about: null, fields: null, changes: null, related: [], names },
      {
        id: 'h-2',
        at: 2,
        userId: 'u',
        userName: 'Ana Admin',
        action: 'update',
        subject: 'intervention',
        rowId: 'iv-1',
        about: null,
        fields: ['object_text', 'client_id', 'planned_start', 'priority', 'confirmed'],
        changes: { object_text: ['a', 'b'], client_id: [null, 'c-2'], planned_start: [null, new Date(2026, 10, 23, 8, 30).getTime()], priority: [2, 3], confirmed: [0, 1] },
        related: [],
        names,
      },
      // One action, two rows: a technician's answer and the status it moved.
      {
        id: 'h-3',
        at: 3,
        userId: 'u',
        userName: 'Ion Tehnician',
        action: 'accepted',
        subject: 'technician',
        rowId: 't-1',
        about: 'Ion Tehnician',
        fields: ['answer', 'answered_at'],
        changes: { answer: ['pending', 'accepted'] },
        related: [{ subject: 'intervention', rowId: 'iv-1', op: 'update', about: null, fields: ['status', 'finalized_at'], changes: { status: ['allocated', 'confirmed'] } }],
        names,
      },
      // At the advanced level: names only, never the database's.
      { id: 'h-4', at: 4, userId: 'u', userName: 'Ana Admin', action: 'finalize', subject: 'intervention', rowId: 'iv-1', about: null, fields: ['finalized_at', 'resolution'], changes: null, related: [], names },
    ];
    tr.answers['interventions.history'] = () => ({ ok: true, value: history });
    await open(ui(), tr);
    await flush(5);
    await click(q('ivf-tab-messages')!);
    await flush(3);
    expect(document.querySelectorAll('[data-testid="ivf-message"]')).toHaveLength(1);
    await typeArea(q('ivf-message-body') as HTMLTextAreaElement, 'On my way');
    await click(q('ivf-message-add')!);
    await flush(3);
    expect(tr.calls).toContainEqual({ method: 'interventions.messages.add', input: { id: 'iv-1', body: 'On my way', kind: 'note' } });
    expect(document.querySelectorAll('[data-testid="ivf-message"]')).toHaveLength(2);
    await click(q('ivf-tab-history')!);
    await flush(3);
    const rows = document.querySelectorAll('[data-testid="ivf-history-row"]');
    expect(rows).toHaveLength(4);
    expect(rows[0]?.textContent).toContain('Created');
    // Labels of the form, values as the form shows them: names for ids, the user's date format, translated words.
    const change = (row: Element, column: string) => row.querySelector(`[data-testid="ivf-history-change"][data-column="${column}"]`)?.textContent;
    expect(change(rows[1]!, 'object_text')).toBe('Object of the request: a → b');
    expect(change(rows[1]!, 'client_id')).toBe('Client: — → Beta SRL');
    expect(change(rows[1]!, 'planned_start')).toBe('Planned start: — → 23/11/2026 08:30');
    expect(change(rows[1]!, 'priority')).toBe('Priority: Medium → High');
    expect(change(rows[1]!, 'confirmed')).toMatch(/: no → yes$/);
    // The status the answer moved, from what to what, in the same entry as the answer and whose answer it was.
    expect(rows[2]!.textContent).toContain('(technician · Ion Tehnician)');
    expect(change(rows[2]!, 'answer')).toBe('Answer: Pending → Accepted');
    const status = rows[2]!.querySelector<HTMLElement>('[data-testid="ivf-history-status"]');
    expect(status?.textContent).toBe('Status: Allocated → Confirmed');
    expect(rows[3]!.querySelector('[data-testid="ivf-history-fields"]')?.textContent).toBe('Finalized at, Resolution');
    expect(document.querySelector('[data-testid="ivf-history"]')!.textContent).not.toMatch(/finalized_at|answered_at|client_id/);
  });

  it('plans it: team (proposing its technicians) and technicians saved with the fields in one call, their answers shown', async () => {
    const planned = { verifierId: 'p-1', verifierName: 'Ana Pop', plannedStart: Date.UTC(2026, 10, 21, 8), plannedEnd: Date.UTC(2026, 10, 21, 12) };
    const tr = formTransport(interventionDetail(planned));
    tr.answers['interventions.update'] = () => ({
      ok: true,
      value: interventionDetail({
        ...planned,
        version: 4,
        teamId: 't-1',
        teamName: 'North crew',
        status: 'allocated',
        technicians: [{ id: 'it-1', version: 1, personId: 'p-2', name: 'Dan Ion', answer: 'pending', reason: null, answeredAt: null }],
      }),
    });
    await open(ui(), tr);
    await flush(5);
    await pickOption('ivf-field-team', 'North crew');
    // p-1 is in the team but no technician: only Dan Ion is proposed.
    const pills = () => [...document.querySelectorAll('.mantine-MultiSelect-pill')].map((e) => e.textContent);
    expect(pills()).toEqual(['Dan Ion']);
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
    await click(q('ivf-save')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { teamId: 't-1' }, technicianIds: ['p-2'] } });
    expect(tr.calls.filter((c) => c.method === 'interventions.update' || c.method === 'interventions.assignTechnicians')).toHaveLength(1);
    expect(q('ivf-status')?.dataset.status).toBe('allocated');
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
    const answer = q('ivf-technician-answer');
    expect(answer?.dataset.answer).toBe('pending');
    expect(answer?.textContent).toBe('Dan Ion: Pending');
  });

  it('shows a rejection with its reason', async () => {
    const tr = formTransport(interventionDetail({ technicians: [{ id: 'it-1', version: 2, personId: 'p-2', name: 'Dan Ion', answer: 'rejected', reason: 'No parts', answeredAt: 1 }] }));
    await open(ui(), tr, 'ro');
    await flush(5);
    expect(q('ivf-technician-answer')?.textContent).toBe('Dan Ion: Respins: No parts');
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
  });
});
