// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FieldConflictDialog } from '../../src/renderer/src/kit/field-conflict-dialog';
import { QuickClientDialog, seedClient } from '../../src/renderer/src/features/clients/quick-add';
import { InterventionForm } from '../../src/renderer/src/features/interventions/intervention-form';
import { formWindowId, formWindowUrl } from '../../src/renderer/src/kit/page-urls';
import { CLIENT, LOOKUPS, formTestSetup, formTransport, input, interventionDetail, pickOption, q, typeArea } from './intervention-form-fixtures';
import { FakeTransport, click, flush, typeInto } from './support';
import type { ContactRow } from '../../src/shared/api/clients';
import type { ClientAsset } from '../../src/shared/api/catalogue';
import type { SeriesOption } from '../../src/shared/api/numbering';
import type { InterventionDetail } from '../../src/shared/api/interventions';

/*
 * The intervention form's newer parts: the technician's accept/reject banner, quick-add of a
 * client and a contact, the object as product or asset, the series choice, the generic
 * per-field conflict dialog and the form's own window URL.
 */

const open = formTestSetup();

const pending = { id: 'it-1', version: 1, personId: 'p-2', name: 'Dan Ion', answer: 'pending' as const, reason: null, answeredAt: null };

/** Here the intervention is planned: team, verifier, interval, and Dan Ion asked to do it. */
function detail(over: Partial<InterventionDetail> = {}): InterventionDetail {
  return interventionDetail({
    status: 'allocated',
    requestTypeId: 'rt-1',
    requestTypePath: ['Heating'],
    verifierId: 'p-1',
    verifierName: 'Ana Pop',
    teamId: 't-1',
    teamName: 'North crew',
    plannedStart: Date.UTC(2026, 10, 23, 8),
    plannedEnd: Date.UTC(2026, 10, 23, 12),
    technicians: [pending],
    ...over,
  });
}

const ASSET: ClientAsset = { id: 'a-1', productId: 'pr-1', productCode: 'CB-24', productName: 'Condensing boiler 24 kW', serial: 'SN-778', lot: 'L-12', invoiceNumber: null, invoiceDate: null };
const SERIES: SeriesOption[] = [
  { id: 's-1', prefix: 'INT', nextNumber: 41, endNumber: 9999 },
  { id: 's-2', prefix: 'SRV', nextNumber: 7, endNumber: 999 },
];

/** The form's transport, with the client's asset and two active series. */
const transport = (d: InterventionDetail = detail()): FakeTransport =>
  formTransport(d, { 'clients.assets': () => ({ ok: true, value: [ASSET] }), 'interventions.series': () => ({ ok: true, value: SERIES }) });

const ui = (personId: string | null, id: string | null = 'iv-1') => (
  <>
    <Notifications />
    <InterventionForm interventionId={id} lookups={LOOKUPS} personId={personId} canWrite onClose={() => {}} />
  </>
);

describe('the technician’s answer', () => {
  it('a pending technician sees the banner and accepts; the badge changes', async () => {
    const tr = transport();
    tr.answers['interventions.answer'] = () => ({ ok: true, value: detail({ version: 5, status: 'confirmed', technicians: [{ ...pending, version: 2, answer: 'accepted', answeredAt: 2 }] }) });
    await open(ui('p-2'), tr);
    await flush(5);
    expect(q('ivf-assigned')?.textContent).toContain('You are assigned to this intervention');
    await click(q('ivf-accept')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.answer', input: { id: 'iv-1', answer: 'accepted', reason: null } });
    expect(q('ivf-assigned')).toBeNull();
    expect(q('ivf-technician-answer')?.dataset.answer).toBe('accepted');
    expect(q('ivf-status')?.dataset.status).toBe('confirmed');
  });

  it('reject asks for a reason first and sends it', async () => {
    const tr = transport();
    tr.answers['interventions.answer'] = (inp) => {
      const i = inp as { reason: string };
      return { ok: true, value: detail({ version: 5, status: 'taken', technicians: [{ ...pending, version: 2, answer: 'rejected', reason: i.reason, answeredAt: 2 }] }) };
    };
    await open(ui('p-2'), tr);
    await flush(5);
    await click(q('ivf-reject')!);
    expect(q('ivf-reason-dialog')?.dataset.kind).toBe('reject');
    await click(q('ivf-reason-confirm')!);
    expect(q('ivf-reason-dialog')?.textContent).toContain('Write why you reject it.');
    expect(tr.calls.some((c) => c.method === 'interventions.answer')).toBe(false);
    await typeArea(q('ivf-reason') as HTMLTextAreaElement, '  On leave that day  ');
    await click(q('ivf-reason-confirm')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.answer', input: { id: 'iv-1', answer: 'rejected', reason: 'On leave that day' } });
    expect(q('ivf-status')?.dataset.status).toBe('taken');
    expect(q('ivf-technician-answer')?.textContent).toContain('Rejected: On leave that day');
    expect(q('ivf-assigned')).toBeNull();
  });

  it('main’s refusal is shown; nobody else, an answered or a closed one gets no banner', async () => {
    const tr = transport();
    tr.answers['interventions.answer'] = () => ({ ok: false, error: { code: 'forbidden', message: 'You are not on this intervention.' } });
    await open(ui('p-2'), tr);
    await flush(5);
    await click(q('ivf-accept')!);
    await flush(5);
    expect(q('ivf-error')?.textContent).toContain('You are not on this intervention.');

    await open(ui('p-1'), transport());
    await flush(5);
    expect(q('ivf-assigned')).toBeNull();
    await open(ui('p-2'), transport(detail({ technicians: [{ ...pending, answer: 'accepted' }] })));
    await flush(5);
    expect(q('ivf-assigned')).toBeNull();
    await open(ui('p-2'), transport(detail({ status: 'cancelled', cancelledAt: 1, cancelReason: 'Duplicate' })));
    await flush(5);
    expect(q('ivf-assigned')).toBeNull();
  });
});

describe('object and series', () => {
  it('one of the client’s assets: shows serial / lot and saves the three object fields together', async () => {
    const tr = transport(detail({ technicians: [] }));
    tr.answers['interventions.update'] = (inp) => {
      const i = inp as { patch: Partial<InterventionDetail> };
      return { ok: true, value: detail({ version: 4, technicians: [], ...i.patch, productName: 'Condensing boiler 24 kW', serialLot: 'SN-778 / L-12' }) };
    };
    await open(ui('p-1'), tr);
    await flush(5);
    const assetRadio = [...q('ivf-field-objectKind')!.querySelectorAll('input')].find((i) => i.value === 'asset')!;
    await click(assetRadio);
    expect(q('ivf-field-asset')).not.toBeNull();
    await click(q('ivf-save')!);
    expect(q('ivf-field-asset')!.closest('.mantine-InputWrapper-root')?.textContent).toContain('Choose one of the client’s products.');
    expect(tr.calls.some((c) => c.method === 'interventions.update')).toBe(false);
    await pickOption('ivf-field-asset', /Condensing boiler 24 kW/);
    expect(q('ivf-field-asset')!.closest('.mantine-InputWrapper-root')?.textContent).toContain('Serial / lot: SN-778 / L-12');
    await click(q('ivf-save')!);
    await flush(5);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { objectKind: 'asset', productId: null, assetId: 'a-1' } } });
    expect(q('ivf-form')?.dataset.dirty).toBe('false');
  });

  it('a catalogue product is searched as you type', async () => {
    const tr = transport(detail({ technicians: [] }));
    tr.answers['catalogue.products.search'] = (inp) => {
      const i = inp as { query: string | null };
      return { ok: true, value: i.query === 'valve' ? [{ id: 'pr-9', code: 'VLV-1', name: 'Pressure valve', unit: 'pcs' }] : [] };
    };
    await open(ui('p-1'), tr);
    await flush(5);
    await click([...q('ivf-field-objectKind')!.querySelectorAll('input')].find((i) => i.value === 'product')!);
    // Mantine takes a change to an unfocused input for autofill: type as a person does, focused.
    act(() => input('ivf-field-product').focus());
    await typeInto(input('ivf-field-product'), 'valve');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 260));
    });
    await flush(3);
    expect(tr.calls).toContainEqual({ method: 'catalogue.products.search', input: { query: 'valve', limit: 30 } });
    expect([...document.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toContain('Pressure valve · VLV-1');
  });

  it('with two active series the operator chooses one (the first by default); validate uses it', async () => {
    const tr = transport(detail({ technicians: [], status: 'taken' }));
    tr.answers['interventions.update'] = (inp) => ({ ok: true, value: detail({ technicians: [], status: 'taken', version: 4, ...(inp as { patch: Partial<InterventionDetail> }).patch }) });
    tr.answers['interventions.validate'] = () => ({ ok: true, value: detail({ technicians: [], status: 'taken', version: 5, seriesId: 's-2', seriesPrefix: 'SRV', valid: true, number: 7, fullNumber: 'SRV-7' }) });
    await open(ui('p-1'), tr);
    await flush(5);
    expect(input('ivf-field-series').value).toBe('INT (next number 41)');
    await pickOption('ivf-field-series', 'SRV (next number 7)');
    await click(q('ivf-validate')!);
    await flush(8);
    expect(tr.calls).toContainEqual({ method: 'interventions.update', input: { id: 'iv-1', version: 3, patch: { seriesId: 's-2' } } });
    expect(tr.calls).toContainEqual({ method: 'interventions.validate', input: { id: 'iv-1', version: 4 } });
    expect(q('ivf-number')?.textContent).toBe('SRV-7');
    expect(q('ivf-field-series')).toBeNull();
  });

  it('one series: no choice, the number field only; the contract field says none made it; the client panel counts contracts', async () => {
    const tr = transport(detail({ technicians: [] }));
    tr.answers['interventions.series'] = () => ({ ok: true, value: [SERIES[0]!] });
    await open(ui('p-1'), tr);
    await flush(5);
    expect(q('ivf-field-series')).toBeNull();
    expect(input('ivf-field-number').value).toBe('(no number)');
    expect(input('ivf-field-contract').value).toBe('None (not made by a service contract)');
    expect(input('ivf-field-contract').readOnly).toBe(true);
    expect(q('ivf-client-contracts')?.textContent).toBe('1');
    expect(q('ivf-client-assets')?.textContent).toBe('1');
  });
});

describe('quick-add from the form', () => {
  it('Enter on a search that found nobody opens the client dialog with what was typed', async () => {
    const tr = transport();
    tr.answers['clients.list'] = () => ({ ok: true, value: [] });
    await open(ui('p-1', null), tr);
    await flush(5);
    await typeInto(input('ivf-field-client'), 'Brand New SRL');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 260));
    });
    await flush(3);
    act(() => {
      input('ivf-field-client').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await flush(3);
    expect(q('quick-client')).not.toBeNull();
    expect((q('quick-client')!.querySelector('[data-testid="client-field-name"]') as HTMLInputElement).value).toBe('Brand New SRL');
  });

  it('a contact added inline is chosen on the form', async () => {
    const tr = transport(detail({ technicians: [] }));
    const created: ContactRow = { id: 'cp-9', version: 1, clientId: 'c-1', name: 'Ioana Marinescu', jobFunction: 'Facility manager', role: null, phone: '+40722111222', email: null, preferredContact: 'phone' };
    tr.answers['contacts.create'] = () => ({ ok: true, value: created });
    await open(ui('p-1'), tr);
    await flush(5);
    await click(q('ivf-new-contact')!);
    const dialog = q('quick-contact')!;
    const field = (n: string) => dialog.querySelector<HTMLInputElement>(`[data-testid="contact-field-${n}"]`)!;
    await click(q('quick-contact-save')!);
    expect(dialog.textContent).toContain('Required.');
    await typeInto(field('name'), 'Ioana Marinescu');
    await typeInto(field('jobFunction'), 'Facility manager');
    await typeInto(field('phone'), '12');
    await click(q('quick-contact-save')!);
    expect(dialog.textContent).toContain('Not a valid phone number.');
    expect(tr.calls.some((c) => c.method === 'contacts.create')).toBe(false);
    await typeInto(field('phone'), '0722 111 222');
    await click(q('quick-contact-save')!);
    await flush(5);
    expect(tr.calls).toContainEqual({
      method: 'contacts.create',
      input: { clientId: 'c-1', name: 'Ioana Marinescu', jobFunction: 'Facility manager', role: null, phone: '0722 111 222', email: null, preferredContact: 'any' },
    });
    expect(q('quick-contact')).toBeNull();
    expect(input('ivf-field-contactPerson').value).toBe('Ioana Marinescu (Facility manager)');
    expect(q('ivf-form')?.dataset.dirty).toBe('true');
  });
});

describe('QuickClientDialog', () => {
  const dialog = (onPicked: (c: { id: string; name: string }) => void) => <QuickClientDialog opened search="Acme" country="RO" onClose={() => {}} onPicked={onPicked} />;
  const field = (n: string) => document.querySelector<HTMLInputElement>(`[data-testid="quick-client"] [data-testid="client-field-${n}"]`)!;

  it('checks the fiscal code like the Clients module and sends nothing while it is wrong', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    const picked = vi.fn();
    await open(dialog(picked), tr);
    await typeInto(field('fiscalCode'), '14399841');
    await click(q('quick-client-save')!);
    expect(field('fiscalCode').closest('.mantine-InputWrapper-root')?.textContent).toContain('Not a valid Romanian CIF: check digit.');
    expect(tr.calls).toEqual([]);
    expect(picked).not.toHaveBeenCalled();
  });

  it('warns about a likely duplicate: use it, or save anyway', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['clients.duplicates'] = () => ({ ok: true, value: [{ ...CLIENT.client, matched: ['fiscalCode'] }] });
    tr.answers['clients.create'] = (inp) => ({ ok: true, value: { ...CLIENT.client, id: 'c-new', name: (inp as { name: string }).name } });
    const picked = vi.fn();
    await open(dialog(picked), tr);
    expect(field('name').value).toBe('Acme');
    await typeInto(field('fiscalCode'), 'RO14399840');
    await click(q('quick-client-save')!);
    await flush(3);
    expect(q('client-duplicates')?.textContent).toContain('Acme SRL');
    expect(tr.calls.some((c) => c.method === 'clients.create')).toBe(false);
    await click(q('client-duplicate-open')!);
    expect(picked).toHaveBeenLastCalledWith({ id: 'c-1', name: 'Acme SRL' });
    await click(q('client-save-anyway')!);
    await flush(3);
    expect(tr.calls.filter((c) => c.method === 'clients.create')).toHaveLength(1);
    expect(picked).toHaveBeenLastCalledWith({ id: 'c-new', name: 'Acme' });
  });

  it('puts main’s field messages on their fields; a script tag is only text', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['clients.duplicates'] = () => ({ ok: true, value: [] });
    tr.answers['clients.create'] = () => ({ ok: false, error: { code: 'validation', message: 'Some fields are not valid.', issues: [{ path: 'email', message: 'not a valid e-mail address' }] } });
    await open(dialog(() => {}), tr);
    await typeInto(field('name'), '<script>alert(1)</script>');
    await click(q('quick-client-save')!);
    await flush(3);
    expect(field('email').closest('.mantine-InputWrapper-root')?.textContent).toContain('Not a valid e-mail address.');
    expect(tr.calls.find((c) => c.method === 'clients.create')?.input).toMatchObject({ name: '<script>alert(1)</script>' });
    expect(document.querySelector('script[data-x]')).toBeNull();
  });

  it('seeds the dialog from the search: a name, a phone or a fiscal code', () => {
    expect(seedClient('Brand New SRL', 'RO')).toMatchObject({ name: 'Brand New SRL', phone: '', fiscalCode: '', country: 'RO' });
    expect(seedClient('0722 123 456', 'RO')).toMatchObject({ name: '', phone: '0722 123 456' });
    expect(seedClient('+351 912 345 678', 'PT')).toMatchObject({ phone: '+351 912 345 678', country: 'PT' });
    expect(seedClient('RO14399840', 'RO')).toMatchObject({ name: '', fiscalCode: 'RO14399840' });
    expect(seedClient('   ', 'ES')).toMatchObject({ name: '', phone: '', fiscalCode: '', country: 'ES' });
  });
});

describe('FieldConflictDialog', () => {
  it('keeps mine by default, lets each field or all be switched, and answers per field', async () => {
    const onResolve = vi.fn();
    const rows = [
      { key: 'vehicle', label: 'Vehicle', mine: 'BV-02', theirs: 'BV-01' },
      { key: 'notes', label: 'Notes', mine: '', theirs: 'Gate code' },
    ];
    await open(<FieldConflictDialog rows={rows} body="Someone saved it." onCancel={() => {}} onResolve={onResolve} />, new FakeTransport());
    expect(q('conflict-dialog')?.textContent).toContain('Someone saved it.');
    expect(q('conflict-row-notes')?.textContent).toContain('(empty)');
    await click(q('conflict-apply')!);
    expect(onResolve).toHaveBeenLastCalledWith({ vehicle: true, notes: true });
    await click(q('conflict-pick-notes-theirs')!);
    await click(q('conflict-apply')!);
    expect(onResolve).toHaveBeenLastCalledWith({ vehicle: true, notes: false });
    await click(q('conflict-all-theirs')!);
    await click(q('conflict-apply')!);
    expect(onResolve).toHaveBeenLastCalledWith({ vehicle: false, notes: false });
  });
});

describe('the form’s own window', () => {
  it('routes ?intervention=<id>, refusing ids that are not one', () => {
    expect(formWindowUrl('0193-abc_DEF')).toBe('/?intervention=0193-abc_DEF');
    expect(formWindowId('?intervention=0193-abc')).toBe('0193-abc');
    expect(formWindowId('?report=interventions')).toBeNull();
    expect(formWindowId('')).toBeNull();
    expect(formWindowId('?intervention=')).toBe('');
    expect(formWindowId('?intervention=%3Cscript%3E')).toBe('');
    expect(formWindowId(`?intervention=${'x'.repeat(65)}`)).toBe('');
  });
});
