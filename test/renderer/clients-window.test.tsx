// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientsWindow } from '../../src/renderer/src/features/clients/clients-window';
import { FakeTransport, click, flush, makeMe, mount, stubBrowser, typeInto, type Mounted } from './support';
import type { ClientDetail, ClientDuplicate } from '../../src/shared/api/clients';
import type { ClientRow } from '../../src/shared/api/clients';

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

function client(i: number, over: Partial<ClientRow> = {}): ClientRow {
  return {
    id: `c-${i}`,
    version: 1,
    kind: 'company',
    name: `Client ${i} SRL`,
    fiscalCode: null,
    address: null,
    locality: 'Cluj-Napoca',
    county: 'Cluj',
    country: 'RO',
    commercialZone: null,
    phone: `+4072200000${i}`,
    workPhone: null,
    email: null,
    notes: null,
    ...over,
  };
}

const CLIENTS = [client(1), client(2), client(3)];

function transport(): FakeTransport {
  const tr = new FakeTransport();
  tr.state = 'connected';
  tr.answers['clients.list'] = () => ({ ok: true, value: CLIENTS });
  tr.answers['clients.get'] = (input) => {
    const c = CLIENTS.find((x) => x.id === (input as { id: string }).id) ?? CLIENTS[0]!;
    const detail: ClientDetail = { client: c, contacts: [], interventions: { open: 1, total: 4 }, contracts: 0 };
    return { ok: true, value: detail };
  };
  tr.answers['clients.duplicates'] = () => ({ ok: true, value: [] });
  return tr;
}

const ui = (role: 'admin' | 'technician' = 'admin') => (
  <>
    <Notifications />
    <ClientsWindow me={makeMe(role)} />
  </>
);

function key(el: Element, k: string, extra: KeyboardEventInit = {}) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
  });
}

const rowsOf = (v: Mounted) => [...v.container.querySelectorAll('[data-testid="client-row"]')];

describe('the clients window', () => {
  it('lists clients, moves with the arrows and opens with Enter', async () => {
    const tr = transport();
    view = await mount(ui(), tr);
    expect(rowsOf(view)).toHaveLength(3);
    const list = view.get('clients-list');
    key(list, 'ArrowDown');
    key(list, 'Enter');
    await flush();
    expect(view.get('client-editor').dataset.clientId).toBe('c-2');
    expect((view.get('client-field-name') as HTMLInputElement).value).toBe('Client 2 SRL');
    expect(view.get('client-interventions').textContent).toBe('Interventions: 1 open, 4 in all');
  });

  it('searches as you type', async () => {
    const tr = transport();
    view = await mount(ui(), tr);
    await typeInto(view.get('client-search'), '0722');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 260));
    });
    await flush();
    expect(tr.calls.filter((c) => c.method === 'clients.list').at(-1)?.input).toEqual({ query: '0722', limit: 200 });
  });

  it('shows the Romanian CIF rule on the field and sends nothing', async () => {
    const tr = transport();
    view = await mount(ui(), tr);
    key(view.get('clients-list'), 'Insert');
    await flush();
    await typeInto(view.get('client-field-name'), 'Nou SRL');
    await typeInto(view.get('client-field-fiscalCode'), '18547291');
    await click(view.get('client-save'));
    expect(document.body.textContent).toContain('Not a valid Romanian CIF: check digit.');
    expect(tr.calls.some((c) => c.method === 'clients.create')).toBe(false);
  });

  it('warns about a likely duplicate before creating, and saves anyway on request', async () => {
    const tr = transport();
    const dup: ClientDuplicate = { ...client(1), matched: ['phone'] };
    tr.answers['clients.duplicates'] = () => ({ ok: true, value: [dup] });
    tr.answers['clients.create'] = () => ({ ok: true, value: client(9, { name: 'Nou SRL' }) });
    view = await mount(ui(), tr);
    await click(view.get('client-add'));
    await typeInto(view.get('client-field-name'), 'Nou SRL');
    await typeInto(view.get('client-field-phone'), '0722 000 001');
    key(view.get('client-field-phone'), 's', { ctrlKey: true });
    await flush();
    expect(view.get('client-duplicates').textContent).toContain('A client with the same phone exists');
    expect(tr.calls.some((c) => c.method === 'clients.create')).toBe(false);
    await click(view.get('client-save-anyway'));
    expect(tr.calls.find((c) => c.method === 'clients.create')?.input).toMatchObject({ name: 'Nou SRL', phone: '0722 000 001', country: 'RO' });
  });

  it('puts the server’s field messages on their fields', async () => {
    const tr = transport();
    tr.answers['clients.update'] = () => ({ ok: false, error: { code: 'validation', message: 'Some fields are not valid.', issues: [{ path: 'email', message: 'not a valid e-mail address' }] } });
    view = await mount(ui(), tr);
    key(view.get('clients-list'), 'Enter');
    await flush();
    await typeInto(view.get('client-field-locality'), 'Turda');
    await click(view.get('client-save'));
    expect(view.get('client-field-email').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows both values on a conflict and saves the chosen ones on the new version', async () => {
    const tr = transport();
    let updates = 0;
    tr.answers['clients.update'] = () => (++updates === 1 ? { ok: false, error: { code: 'conflict', message: 'changed' } } : { ok: true, value: client(1, { version: 3, locality: 'Dej' }) });
    view = await mount(ui(), tr);
    key(view.get('clients-list'), 'Enter');
    await flush();
    tr.answers['clients.get'] = () => ({ ok: true, value: { client: client(1, { version: 2, locality: 'Dej' }), contacts: [], interventions: { open: 0, total: 0 }, contracts: 0 } });
    await typeInto(view.get('client-field-locality'), 'Turda');
    await click(view.get('client-save'));
    const dialog = view.get('conflict-dialog');
    expect(dialog.textContent).toContain('Turda');
    expect(dialog.textContent).toContain('Dej');
    await click(view.get('conflict-pick-locality-mine'));
    await click(view.get('conflict-apply'));
    const last = tr.calls.filter((c) => c.method === 'clients.update').at(-1)?.input;
    expect(last).toEqual({ id: 'c-1', version: 2, patch: { locality: 'Turda' } });
  });

  it('asks before throwing away unsaved changes on Esc', async () => {
    const tr = transport();
    view = await mount(ui(), tr);
    key(view.get('clients-list'), 'Enter');
    await flush();
    await typeInto(view.get('client-field-county'), 'Alba');
    key(view.get('client-field-county'), 'Escape');
    await flush();
    expect(view.query('discard-dialog')).not.toBeNull();
    await click(view.get('discard-confirm'));
    expect(view.query('client-editor')).toBeNull();
  });

  it('is read-only without the write right', async () => {
    const tr = transport();
    view = await mount(ui('technician'), tr);
    expect(view.query('client-add')).toBeNull();
    key(view.get('clients-list'), 'Enter');
    await flush();
    expect(view.query('client-save')).toBeNull();
    expect(view.get('client-readonly')).toBeTruthy();
    expect((view.get('client-field-name') as HTMLInputElement).readOnly).toBe(true);
  });
});
