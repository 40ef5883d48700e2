// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLUMN_IDS, type GridRow } from '../../src/shared/grid/columns';
import type { GridFilters, GridGroup } from '../../src/shared/grid/query';
import type { SavedView } from '../../src/shared/grid/views';
import type { AppInfoState } from '../../src/renderer/src/kit/use-app-info';
import { InterventionsWindow } from '../../src/renderer/src/features/grid/interventions-window';
import { FakeTransport, INFO, click, flush, giveTheGridASize, gridRow, makeMe, mount, stubBrowser, typeInto, type Mounted } from './support';
import type { InterventionLookups } from '../../src/shared/api/interventions';
import type { Me } from '../../src/shared/api/auth';

let view: Mounted | null = null;
let undoGridSize: () => void = () => {};

beforeAll(() => {
  stubBrowser();
  undoGridSize = giveTheGridASize();
});
afterAll(() => undoGridSize());
beforeEach(() => {
  window.__missingI18nKeys = [];
  localStorage.clear();
});
afterEach(() => {
  view?.unmount();
  view = null;
  expect(window.__missingI18nKeys).toEqual([]);
});

const STATUSES = ['taken', 'allocated', 'confirmed', 'finalized', 'cancelled'] as const;

function makeRow(i: number, tag = ''): GridRow {
  return gridRow(i, {
    id: `iv-${i}${tag}`,
    client: i % 2 ? 'Ștefan Popescu' : 'Acme SRL',
    plannedStart: new Date(2026, 2, 8, 9, 30).getTime(),
    status: STATUSES[i % 5]!,
    // Every fifth row (the 'taken' ones) is a draft: no number yet, the only kind main deletes.
    ...(i % 5 === 0 ? { valid: 0, number: null } : {}),
    // Row 3 was validated offline and waits for its number from the next sync.
    ...(i === 3 ? { valid: 1, number: null } : {}),
    priority: (i % 3) + 1,
    phone: '+40700000000',
    locality: 'Cluj',
  });
}

const LOOKUPS: InterventionLookups = {
  personnel: [{ id: 'p1', name: 'Ana Operator', operator: true, technician: false, verifier: true }],
  requestTypes: [{ id: 'rt1', parentId: null, depth: 1, code: 'R', name: 'Repairs', mailClient: false }],
  commercialZones: ['North'],
  teams: [],
};

interface Setup {
  total?: number;
  me?: Me;
  views?: SavedView[];
  groups?: (input: { view: { groupBy: string[] }; path: unknown[] }) => GridGroup[];
}

async function open(language: 'en' | 'ro' = 'en', setup: Setup = {}) {
  const transport = new FakeTransport();
  transport.start();
  let tag = '';
  const total = setup.total ?? 250;
  const rowsAsked: { position: number; limit: number; path: unknown[]; filters: GridFilters }[] = [];
  transport.answers['interventions.lookups'] = () => ({ ok: true, value: LOOKUPS });
  transport.answers['views.list'] = () => ({ ok: true, value: setup.views ?? [] });
  transport.answers['interventions.grid.rows'] = (input) => {
    const { position, limit, path, view: v } = input as { position: number; limit: number; path: unknown[]; view: { filters: GridFilters } };
    rowsAsked.push({ position, limit, path, filters: v.filters });
    const count = path.length > 0 ? 3 : total;
    const n = Math.max(0, Math.min(limit, count - position));
    return { ok: true, value: { rows: Array.from({ length: n }, (_, i) => makeRow(position + i, tag)), position, total: count } };
  };
  const groupList = (input: unknown): GridGroup[] =>
    setup.groups?.(input as never) ?? [
      { key: 'taken', label: 'taken', detail: '', count: 3 },
      { key: 'finalized', label: 'finalized', detail: '', count: 247 },
    ];
  const sizeOf = (list: GridGroup[]) => ({ groups: list.length, rows: list.reduce((n, g) => n + g.count, 0) });
  transport.answers['interventions.grid.groups'] = (input) => ({ ok: true, value: groupList(input) });
  transport.answers['interventions.grid.groupWindow'] = (input) => {
    const { offset, limit } = input as { offset: number; limit: number };
    const list = groupList(input);
    return { ok: true, value: { groups: list.slice(offset, offset + limit), size: sizeOf(list) } };
  };
  transport.answers['interventions.grid.groupSize'] = (input) => ({ ok: true, value: sizeOf(groupList(input)) });
  const me = setup.me ?? makeMe('operator', { language, favourites: [] });
  let current = me;
  const appInfo: AppInfoState = { info: INFO, error: null, loading: false, reload: () => {} };
  const ui = (
    <>
      <Notifications />
      <InterventionsWindow me={current} onMeChange={(m) => (current = m)} appInfo={appInfo} />
    </>
  );
  view = await mount(ui, transport, language);
  await flush(5);
  return {
    transport,
    view,
    rowsAsked,
    setTag: (t: string) => (tag = t),
    rows: () => [...document.querySelectorAll<HTMLElement>('[data-testid="grid-row"]')],
  };
}

async function pickOption(testId: string, optionText: string) {
  await click(view!.get(testId));
  const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.trim() === optionText);
  if (!option) throw new Error(`no option "${optionText}"`);
  await click(option);
  await flush(3);
}

async function wait(ms: number) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

describe('interventions window', () => {
  it('shows the rows of the first page, translated and formatted, with the count', async () => {
    const { rows, rowsAsked, view } = await open();
    expect(view.get('result-count').textContent).toBe('250 interventions');
    expect(view.get('result-count').dataset.count).toBe('250');
    const shown = rows();
    expect(shown.length).toBeGreaterThan(15);
    expect(shown.length).toBeLessThan(60);
    expect(shown[0]!.dataset.rowId).toBe('iv-0');
    expect(shown[0]!.dataset.position).toBe('0');
    const cell = (r: HTMLElement, col: string) => r.querySelector<HTMLElement>(`[data-col="${col}"]`)!;
    expect(cell(shown[0]!, 'status').textContent).toBe('Taken');
    expect(cell(shown[1]!, 'priority').textContent).toBe('Medium');
    // English writes the day first unless the US region is chosen (issue 9, item 10).
    expect(cell(shown[0]!, 'docDate').textContent).toBe('07/03/2026');
    expect(cell(shown[0]!, 'plannedStart').textContent).toBe('08/03/2026 09:30');
    expect(cell(shown[0]!, 'number').dataset.align).toBe('right');
    // A draft has no number; a document validated offline says its number comes with the sync.
    expect(cell(shown[0]!, 'number').textContent).toBe('');
    expect(cell(shown[3]!, 'number').textContent).toBe('at next sync');
    expect(cell(shown[3]!, 'number').querySelector('[title]')!.getAttribute('title')).toMatch(/gets its number at the next sync/);
    expect(cell(shown[1]!, 'number').textContent).not.toBe('at next sync');
    // Pages of 100 by position; never everything.
    expect(rowsAsked.every((a) => a.limit === 100 && a.position % 100 === 0)).toBe(true);
    expect(rowsAsked.length).toBeLessThanOrEqual(2);
    // Every column has its header; the default ones are shown.
    expect(view.get('col-client').textContent).toContain('Client');
    expect(view.query('col-notes')).toBeNull();
    expect(view.get('overview').textContent).toContain('1,234,567');
  });

  it('speaks Romanian: headers, statuses, the count', async () => {
    const { rows, view } = await open('ro');
    expect(view.get('col-docDate').textContent).toBe('Data doc.');
    expect(view.get('col-takenBy').textContent).toBe('Cine preia');
    expect(rows()[0]!.querySelector('[data-col="status"]')!.textContent).toBe('Preluată');
    expect(rows()[0]!.querySelector('[data-col="docDate"]')!.textContent).toBe('07.03.2026');
    expect(view.get('result-count').textContent).toBe('250 de intervenții');
    expect(view.get('tb-add').textContent).toBe('Adaug');
  });

  it('groups by status: headers with counts, collapsed; a leaf group’s rows come by its full path', async () => {
    const { view, rowsAsked } = await open();
    await pickOption('group-by', 'Status');
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    await flush(3);
    const headers = () => [...document.querySelectorAll<HTMLElement>('[data-testid="group-row"]')];
    expect(headers().map((h) => h.dataset.groupKey)).toEqual(['taken', 'finalized']);
    expect(headers()[0]!.textContent).toContain('Taken');
    expect(headers()[1]!.querySelector('[data-testid="group-count"]')!.textContent).toBe('247');
    expect(view.get('result-count').dataset.count).toBe('250');
    expect(document.querySelectorAll('[data-testid="grid-row"]')).toHaveLength(0);
    await click(headers()[0]!);
    await flush(3);
    expect(headers()[0]!.dataset.expanded).toBe('true');
    const inGroup = [...document.querySelectorAll<HTMLElement>('[data-testid="grid-row"]')];
    expect(inGroup).toHaveLength(3);
    expect(rowsAsked.at(-1)!.path).toEqual(['taken']);
    // Keyboard: Left on the header collapses it again.
    act(() => {
      view.get('grid').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    await flush(2);
    expect(document.querySelectorAll('[data-testid="grid-row"]')).toHaveLength(0);
  });

  it('filters from the bar show as chips; × removes the filter', async () => {
    const { view, rowsAsked } = await open();
    await pickOption('filter-status', 'Finalized');
    expect(view.get('chip-status').textContent).toContain('Status: Finalized');
    expect(rowsAsked.at(-1)!.filters).toEqual({ statuses: ['finalized'] });
    await pickOption('filter-takenBy', 'Ana Operator');
    expect(view.get('chip-takenBy').textContent).toContain('Taken by: Ana Operator');
    await click(view.get('chip-status-remove'));
    await flush(3);
    expect(view.query('chip-status')).toBeNull();
    expect(rowsAsked.at(-1)!.filters).toEqual({ takenByIds: ['p1'] });
  });

  it('searches 250 ms after typing stops, once; Ctrl+F focuses the box', async () => {
    const { view, rowsAsked } = await open();
    const before = rowsAsked.length;
    await typeInto(view.get('search'), 'Ste');
    await typeInto(view.get('search'), 'Stefan');
    expect(rowsAsked.length).toBe(before);
    await wait(320);
    await flush(3);
    expect(rowsAsked.filter((a) => a.filters.search).map((a) => a.filters.search)).toEqual(['Stefan']);
    expect(view.get('chip-search').textContent).toContain('Stefan');
    (document.activeElement as HTMLElement | null)?.blur();
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true }));
    });
    await wait(30);
    expect(document.activeElement).toBe(view.get('search'));
  });

  it('moves the selection with the keys, opens with Enter and adds with Insert (the intervention form)', async () => {
    const { view, transport } = await open();
    transport.answers['interventions.get'] = () => ({ ok: false, error: { code: 'not_found', message: 'The intervention does not exist.' } });
    transport.answers['clients.list'] = () => ({ ok: true, value: [] });
    const grid = view.get('grid');
    const key = (k: string) =>
      act(() => {
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      });
    key('ArrowDown');
    key('ArrowDown');
    await flush(2);
    const selected = () => document.querySelector<HTMLElement>('[data-testid="grid-row"][data-selected]');
    expect(selected()!.dataset.rowId).toBe('iv-1');
    key('Enter');
    await flush(3);
    expect(transport.calls).toContainEqual({ method: 'interventions.get', input: { id: 'iv-1' } });
    expect(view.get('ivf-form').textContent).toContain('The intervention does not exist.');
    await click(view.get('ivf-close'));
    key('Insert');
    await flush(3);
    expect(view.get('ivf-number').textContent).toBe('(no number)');
  });

  it('delete asks first, sends id and version, and shows the message main answers', async () => {
    const { view, transport, rows } = await open();
    transport.answers['interventions.delete'] = () => ({ ok: false, error: { code: 'forbidden', message: 'You have no right to change interventions.' } });
    act(() => {
      rows()[0]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    await flush(2);
    await click(view.get('tb-delete'));
    expect(view.get('delete-dialog').textContent).toContain('Acme SRL');
    await click(view.get('delete-confirm'));
    await flush(3);
    expect(transport.calls).toContainEqual({ method: 'interventions.delete', input: { id: 'iv-0', version: 3 } });
    expect(document.body.textContent).toContain('You have no right to change interventions.');
  });

  it('a numbered intervention is not offered for deletion: cancel it instead', async () => {
    const { view, transport, rows } = await open();
    act(() => {
      rows()[2]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    await flush(2);
    await click(view.get('tb-delete'));
    await flush(2);
    expect(view.query('delete-confirm')).toBeNull();
    expect(document.body.textContent).toContain('Only a draft can be deleted.');
    expect(transport.calls.some((c) => c.method === 'interventions.delete')).toBe(false);
  });

  it('cancel needs a reason', async () => {
    const { view, transport, rows } = await open();
    transport.answers['interventions.cancel'] = () => ({ ok: true, value: null });
    act(() => {
      rows()[1]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    await click(view.get('tb-cancel'));
    await click(view.get('cancel-confirm'));
    expect(document.body.textContent).toContain('Enter the reason for cancelling.');
    const area = view.get('cancel-reason') as HTMLTextAreaElement;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, 'Client called back');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(view.get('cancel-confirm'));
    await flush(3);
    expect(transport.calls).toContainEqual({ method: 'interventions.cancel', input: { id: 'iv-1', version: 3, reason: 'Client called back' } });
  });

  it('refreshes on data.changed, keeping the selected row selected where it moved', async () => {
    const { view, transport, rows, setTag, rowsAsked } = await open();
    act(() => {
      rows()[4]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    await flush(2);
    expect(document.querySelector<HTMLElement>('[data-selected]')!.dataset.rowId).toBe('iv-4');
    const before = rowsAsked.length;
    setTag('');
    // The same ids come back; another window changed one record.
    act(() => transport.push('data.changed', { capability: 'interventions', ids: ['iv-4'] }));
    await wait(260);
    await flush(3);
    expect(rowsAsked.length).toBeGreaterThan(before);
    expect(view.get('grid').querySelector<HTMLElement>('[data-selected]')!.dataset.rowId).toBe('iv-4');
    act(() => transport.push('data.changed', { capability: 'auth', ids: ['x'] }));
    await wait(260);
    expect(rowsAsked.length).toBe(before + 1);
    // A renamed product or series shows in the rows too: those capabilities feed the grid.
    for (const capability of ['catalogue', 'numbering', 'clients'] as const) {
      const asked = rowsAsked.length;
      act(() => transport.push('data.changed', { capability, ids: ['x'] }));
      await wait(260);
      await flush(3);
      expect(rowsAsked.length, capability).toBeGreaterThan(asked);
    }
  });

  it('saves the view under a name, with its filters and layout', async () => {
    const { view, transport } = await open();
    transport.answers['views.save'] = (input) => ({
      ok: true,
      value: { id: 'v1', version: 1, name: (input as { name: string }).name, definition: (input as { definition: SavedView['definition'] }).definition, isDefault: false },
    });
    await pickOption('filter-priority', 'High');
    expect(view.get('view-dirty')).not.toBeNull();
    await click(view.get('views-menu'));
    await click(view.get('view-save-as'));
    await typeInto(view.get('view-name-input'), 'Urgent');
    await click(view.get('view-save-confirm'));
    await flush(3);
    const saved = transport.calls.find((c) => c.method === 'views.save')!.input as { name: string; definition: SavedView['definition'] };
    expect(saved.name).toBe('Urgent');
    expect(saved.definition.filters).toEqual({ priorities: [3] });
    expect(saved.definition.layout.columns).toHaveLength(COLUMN_IDS.length);
    expect(view.get('view-name').textContent).toBe('Urgent');
    expect(view.query('view-dirty')).toBeNull();
  });

  it('opens the default saved view', async () => {
    const def: SavedView = {
      id: 'v9',
      version: 2,
      name: 'My open ones',
      isDefault: true,
      definition: { filters: { statuses: ['taken'] }, sort: [{ column: 'client', desc: false }], groupBy: [], layout: { columns: [], widthMode: 'fit', groupsAsTree: false } },
    };
    const { view, rowsAsked } = await open('en', { views: [def] });
    expect(view.get('view-name').textContent).toBe('My open ones');
    expect(rowsAsked.at(-1)!.filters).toEqual({ statuses: ['taken'] });
    expect(view.get('sort-client').dataset.dir).toBe('asc');
  });

  it('hides a column from the columns menu and sorts by a header click', async () => {
    const { view, transport } = await open();
    await click(view.get('columns-menu'));
    const toggle = view.get('col-toggle-locality');
    await click(toggle.tagName === 'INPUT' ? toggle : (toggle.querySelector('input') ?? toggle));
    expect(view.query('col-locality')).toBeNull();
    await click(view.get('col-client').querySelector<HTMLElement>('.ivg-hcell-label')!);
    await flush(3);
    const last = transport.calls.filter((c) => c.method === 'interventions.grid.rows').at(-1)!.input as { view: { sort: unknown } };
    expect(last.view.sort).toEqual([{ column: 'client', desc: false }]);
  });
});
