// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConflictRow, StoreWorkstation, SyncState } from '../../src/shared/api/sync';
import { SyncSlotText } from '../../src/renderer/src/shell/sync-slot';
import { StoreAdmin } from '../../src/renderer/src/features/sync/store-page';
import { FakeTransport, click, flush, makeMe, mount, stubBrowser, typeInto } from './support';

beforeAll(stubBrowser);

const slot = (c: HTMLElement) => c.querySelector('[data-sync]')?.textContent;
const state = (over: Partial<SyncState>): SyncState => ({ status: 'online', store: 'postgres://store.test/cc', pending: 0, lastSyncAt: Date.UTC(2026, 10, 16, 12, 5), message: null, rejected: 0, conflicts: 0, files: { toSend: 0, toReceive: 0 }, progress: null, ...over });

describe('the status bar’s sync slot', () => {
  it('says standalone, then follows the store’s state as it changes, in the user’s language', async () => {
    const t = new FakeTransport();
    t.answers['sync.status'] = () => ({ ok: true, value: state({ status: 'standalone', store: null, lastSyncAt: null }) });
    const view = await mount(<SyncSlotText />, t, 'en');
    await flush();
    expect(slot(view.container)).toBe('Sync: not configured');
    act(() => t.push('sync.state', state({ status: 'offline', pending: 3, message: 'connect ECONNREFUSED' })));
    expect(slot(view.container)).toMatch(/^Offline: changes wait · 3 changes to send · last \d\d:\d\d/);
    expect(view.container.querySelector('[data-sync="offline"]')?.getAttribute('title')).toBe('connect ECONNREFUSED');
    view.unmount();

    const ro = await mount(<SyncSlotText />, t, 'ro');
    act(() => t.push('sync.state', state({ status: 'online', pending: 1 })));
    expect(slot(ro.container)).toMatch(/^Sincronizat · 1 modificare de trimis · ultima la/);
    ro.unmount();
  });
});

describe('a download of the store', () => {
  it('shows rows of the total, the pace and the time left, then the index build, in the user’s language', async () => {
    const t = new FakeTransport();
    t.answers['sync.status'] = () => ({ ok: true, value: state({ status: 'syncing' }) });
    t.answers['sync.conflicts'] = () => ({ ok: true, value: [] });
    const view = await mount(<SyncSlotText />, t, 'ro');
    await flush();
    await click(view.get('sync-slot'));
    expect(document.querySelector('[data-testid="sync-progress"]')).toBeNull();
    act(() => t.push('sync.state', state({ status: 'syncing', progress: { phase: 'download', done: 250_000, total: 1_000_000, rowsPerSecond: 52_000, secondsLeft: 150 } })));
    const shown = () => document.querySelector<HTMLElement>('[data-testid="sync-progress"]');
    expect(shown()!.textContent).toContain('Se descarcă baza: 250.000 din 1.000.000 rânduri');
    expect(shown()!.textContent).toMatch(/52\.000 rânduri\/s · mai durează cca 3 min/);
    expect(shown()!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('25');
    expect(slot(view.container)).toMatch(/^Se sincronizează… · 25 %/);
    act(() => t.push('sync.state', state({ status: 'syncing', progress: { phase: 'indexes', done: 1_000_000, total: 1_000_000, rowsPerSecond: 0, secondsLeft: null } })));
    expect(shown()!.textContent).toBe('Se construiesc indecșii și căutarea rapidă…');
    act(() => t.push('sync.state', state({ status: 'online' })));
    expect(shown()).toBeNull();
    view.unmount();
  });
});

const conflict = (over: Partial<ConflictRow>): ConflictRow => ({
  id: 7,
  at: Date.UTC(2026, 10, 16, 11, 0),
  workstation: '0193-aaaa-bbbb-laptop01',
  user: 'maria',
  table: 'clients',
  rowId: 'c-1',
  field: 'email',
  fieldKey: 'email',
  theirs: 'second@frigo.test',
  kept: 'first@frigo.test',
  record: 'Frigo SRL',
  resolvedAt: null,
  reapply: { method: 'clients.update', input: { id: 'c-1', version: 3, patch: { email: 'second@frigo.test' } } },
  ...over,
});

describe('the sync panel', () => {
  it('opens from the slot: the state, and each conflict with its record, field and both values; re-apply goes through the form’s command', async () => {
    const t = new FakeTransport();
    t.answers['sync.status'] = () => ({ ok: true, value: state({ conflicts: 2, pending: 4 }) });
    let open = [conflict({}), conflict({ id: 8, table: 'series', field: 'next_number', fieldKey: 'nextNumber', theirs: 12, kept: 40, record: null, reapply: null })];
    t.answers['sync.conflicts'] = () => ({ ok: true, value: open });
    t.answers['clients.update'] = () => ({ ok: true, value: {} });
    t.answers['sync.resolve'] = (input) => {
      open = open.filter((c) => c.id !== (input as { id: number }).id);
      return { ok: true, value: { resolved: true } };
    };
    const view = await mount(<SyncSlotText />, t, 'en');
    await flush();
    expect(view.get('sync-slot-conflicts').textContent).toContain('2');
    await click(view.get('sync-slot'));
    expect(view.get('sync-facts-pending').textContent).toBe('4');
    const cards = () => [...document.querySelectorAll<HTMLElement>('[data-testid="sync-conflict"]')];
    expect(cards()).toHaveLength(2);
    expect(cards()[0]!.textContent).toContain('Client · Frigo SRL');
    expect(cards()[0]!.querySelector('[data-testid="sync-conflict-theirs"]')!.textContent).toBe('second@frigo.test');
    expect(cards()[0]!.querySelector('[data-testid="sync-conflict-kept"]')!.textContent).toBe('first@frigo.test');
    // A value with no form to re-apply it says so and offers only to keep the store's.
    expect(cards()[1]!.textContent).toContain('not on this workstation');
    expect(cards()[1]!.querySelector('[data-testid="sync-conflict-reapply"]')).toBeNull();
    await click(cards()[0]!.querySelector<HTMLElement>('[data-testid="sync-conflict-reapply"]')!);
    const asked = t.calls.map((c) => c.method);
    expect(asked.indexOf('clients.update')).toBeLessThan(asked.indexOf('sync.resolve'));
    expect(t.calls.find((c) => c.method === 'clients.update')!.input).toEqual({ id: 'c-1', version: 3, patch: { email: 'second@frigo.test' } });
    expect(cards()).toHaveLength(1);
    await click(cards()[0]!.querySelector<HTMLElement>('[data-testid="sync-conflict-keep"]')!);
    expect(t.calls.filter((c) => c.method === 'clients.update')).toHaveLength(1);
    expect(view.get('sync-conflicts-empty').textContent).toBe('No conflicts to review.');
    view.unmount();
  });

  it('says plainly when the conflicts cannot be reached (offline), in Catalan', async () => {
    const t = new FakeTransport();
    t.answers['sync.status'] = () => ({ ok: true, value: state({ status: 'offline' }) });
    t.answers['sync.conflicts'] = () => ({ ok: false, error: { code: 'refused', message: 'The shared store cannot be reached now: connect ECONNREFUSED' } });
    const view = await mount(<SyncSlotText />, t, 'ca');
    await flush();
    await click(view.get('sync-slot'));
    expect(view.get('sync-conflicts-error').textContent).toContain('No s’han pogut carregar els conflictes');
    view.unmount();
  });
});

describe('Administration’s store page', () => {
  const ws = (over: Partial<StoreWorkstation>): StoreWorkstation => ({ id: 'w1', name: 'desk-01', lastUser: 'maria', lastPushAt: Date.UTC(2026, 10, 16, 10), lastPullAt: Date.UTC(2026, 10, 16, 10, 1), pending: 0, thisOne: false, ...over });

  it('joins a store when standalone, sending what was typed, and shows the store’s refusal', async () => {
    const t = new FakeTransport();
    t.answers['sync.status'] = () => ({ ok: true, value: state({ status: 'standalone', store: null, lastSyncAt: null }) });
    let joins = 0;
    t.answers['sync.join'] = () =>
      ++joins === 1
        ? { ok: false, error: { code: 'conflict', message: 'This workstation holds 12 interventions and clients of its own; joining a store replaces them. Confirm to discard them.' } }
        : { ok: true, value: state({}) };
    t.answers['sync.workstations'] = () => ({ ok: true, value: [ws({ thisOne: true })] });
    const view = await mount(<StoreAdmin me={makeMe('admin')} />, t, 'en');
    await flush();
    expect(view.get('admin-store-standalone').textContent).toContain('works on its own');
    await typeInto(view.get('admin-store-url'), 'postgres://store.test:5432/cc');
    await typeInto(view.get('admin-store-login'), 'maria');
    await typeInto(view.get('admin-store-password'), 'her-store-pw');
    await click(view.get('admin-store-submit'));
    expect(view.get('admin-store-error').textContent).toMatch(/Confirm to discard them/);
    const discard = view.get('admin-store-discard');
    await click(discard instanceof HTMLInputElement ? discard : discard.querySelector('input')!);
    await click(view.get('admin-store-submit'));
    expect(t.calls.filter((c) => c.method === 'sync.join').map((c) => c.input)).toEqual([
      { url: 'postgres://store.test:5432/cc', login: 'maria', password: 'her-store-pw', discardLocal: false },
      { url: 'postgres://store.test:5432/cc', login: 'maria', password: 'her-store-pw', discardLocal: true },
    ]);
    // Joined: the store's state and its workstations, this one marked.
    expect(view.get('sync-facts').textContent).toContain('postgres://store.test/cc');
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="admin-store-workstation"]')];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('this one');
    view.unmount();
  });
});
