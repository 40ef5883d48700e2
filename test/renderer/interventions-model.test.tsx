// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { GridRow } from '../../src/shared/grid/columns';
import type { GridGroup } from '../../src/shared/grid/query';
import { defaultLayout, type ViewLayout } from '../../src/shared/grid/views';
import { ApiClient } from '../../src/renderer/src/api/client';
import { gridFormat } from '../../src/renderer/src/kit/format';
import { displayWidths } from '../../src/renderer/src/features/grid/column-widths';
import { displayOrder, moveColumnBy } from '../../src/renderer/src/features/grid/column-order';
import { GridStore, PAGE_SIZE } from '../../src/renderer/src/features/grid/grid-store';
import { buildLines, groupWindowsIn, lineAt, lineOfGroup, parentLine, pathKey, type GroupLevel } from '../../src/renderer/src/features/grid/line-model';
import { MAX_REAL_HEIGHT, ROW_HEIGHT, ScaledScroller, offsetToReveal, scrollScale } from '../../src/renderer/src/features/grid/scroll-scaling';
import { activeFilters, isDirty, removeFilter, sameDefinition, treeChoice } from '../../src/renderer/src/features/grid/view-model';
import { FakeTransport, flush } from './support';

describe('scroll scaling', () => {
  it('keeps short lists unscaled', () => {
    expect(scrollScale(1000 * ROW_HEIGHT, 600)).toEqual({ virtualHeight: 28_000, realHeight: 28_000, scale: 1 });
  });

  it('maps the whole real scroll range of a million rows onto every row', () => {
    const viewport = 600;
    const s = scrollScale(1_000_000 * ROW_HEIGHT, viewport);
    expect(s.realHeight).toBe(MAX_REAL_HEIGHT);
    expect(s.realHeight).toBeLessThan(16_000_000); // under Chromium's cap, with room
    // The bottom of the real range is the bottom of the virtual one: the last row is reachable.
    const realMax = s.realHeight - viewport;
    expect(realMax * s.scale).toBeCloseTo(1_000_000 * ROW_HEIGHT - viewport, 3);
    const lastVisible = Math.floor((realMax * s.scale + viewport - 1) / ROW_HEIGHT);
    expect(lastVisible).toBe(999_999);
  });

  it('reads its own writes back exactly although the browser rounds the real position', () => {
    const el = document.createElement('div');
    let real = 0;
    Object.defineProperty(el, 'scrollTop', { get: () => real, set: (v: number) => (real = Math.round(v)) });
    Object.defineProperty(el, 'clientHeight', { get: () => 630 });
    const scroller = new ScaledScroller();
    scroller.attach(el);
    scroller.configure(scrollScale(1_000_000 * ROW_HEIGHT, 600));
    expect(scroller.scale).toBeGreaterThan(3);
    const target = 999_999 * ROW_HEIGHT - 572;
    scroller.scrollTo({ top: target });
    expect(real).toBe(Math.round(target / scroller.scale));
    expect(scroller.scrollTop).toBe(target);
    // Moved by the user (scrollbar): the real position rules again.
    real = 1000;
    expect(scroller.scrollTop).toBeCloseTo(1000 * scroller.scale, 6);
    // The end is the end.
    scroller.scrollTo({ top: Number.MAX_SAFE_INTEGER });
    expect(scroller.scrollTop).toBe(scroller.maxVirtualTop());
    expect(scroller.maxVirtualTop()).toBe(1_000_000 * ROW_HEIGHT - 600);
  });

  it('reveals a row above or below the view, and leaves one in view alone', () => {
    expect(offsetToReveal(10, 28, 0, 280)).toBe(28 * 11 - 280);
    expect(offsetToReveal(3, 28, 280, 280)).toBe(84);
    expect(offsetToReveal(12, 28, 280, 280)).toBeNull();
  });
});

const g = (key: string | number | null, count: number): GridGroup => ({ key, label: key === null ? '' : String(key), detail: '', count });

/** A whole list as one window of a level. */
const whole = (list: GridGroup[] | undefined): GroupLevel | undefined => list && { size: list.length, windowSize: 200, window: (w) => (w === 0 ? list : undefined) };

describe('line model', () => {
  const lists = new Map<string, GridGroup[]>([
    [pathKey([]), [g('taken', 3), g('finalized', 1_000_000)]],
    [pathKey(['taken']), [g('c1', 2), g(null, 1)]],
  ]);
  const groups = { get: (k: string) => whole(lists.get(k)) };

  it('is a flat list of row slots without grouping', () => {
    const m = buildLines({ depth: 0, groups: () => undefined, expanded: () => false, rootCount: 1_000_000, rootPath: [] });
    expect(m.size).toBe(1_000_000);
    expect(m.segments).toHaveLength(1);
    expect(lineAt(m, 999_999)).toMatchObject({ kind: 'row', position: 999_999, path: [] });
  });

  it('lists group headers, collapsed by default, with their counts', () => {
    const m = buildLines({ depth: 2, groups: (p) => groups.get(pathKey(p)), expanded: () => false, rootCount: null, rootPath: [] });
    expect(m.size).toBe(2);
    expect(lineAt(m, 1)).toMatchObject({ kind: 'group', level: 0, path: ['finalized'] });
  });

  it('nests expanded levels; an expanded leaf gives one slot per row, fetched with the full path', () => {
    const open = new Set([pathKey(['taken']), pathKey(['taken', 'c1']), pathKey(['finalized'])]);
    const m = buildLines({ depth: 2, groups: (p) => groups.get(pathKey(p)), expanded: (p) => open.has(pathKey(p)), rootCount: null, rootPath: [] });
    // taken, c1, row, row, (none), finalized, loading(finalized's clients)
    expect(m.size).toBe(7);
    expect(lineAt(m, 2)).toMatchObject({ kind: 'row', path: ['taken', 'c1'], position: 0, level: 2 });
    expect(lineAt(m, 3)).toMatchObject({ kind: 'row', position: 1 });
    expect(lineAt(m, 4)).toMatchObject({ kind: 'group', level: 1, path: ['taken', null] });
    expect(lineAt(m, 6)).toMatchObject({ kind: 'loading', path: ['finalized'] });
    expect(lineOfGroup(m, ['taken', null])).toBe(4);
    expect(parentLine(m, 3)).toBe(1);
    expect(parentLine(m, 1)).toBe(0);
    expect(parentLine(m, 0)).toBe(-1);
  });

  it('shows a level a window at a time: a missing window is as many loading lines as it has groups', () => {
    const win = (w: number) => Array.from({ length: 3 }, (_, i) => g(`c${w * 3 + i}`, 1));
    const level = (size: number | null, have: number[]): GroupLevel => ({ size, windowSize: 3, window: (w) => (have.includes(w) ? win(w).slice(0, size === null ? 3 : size - w * 3) : undefined) });
    // 8 groups in windows of 3: the middle one is not here yet.
    const m = buildLines({ depth: 1, groups: () => level(8, [0, 2]), expanded: () => false, rootCount: null, rootPath: [] });
    expect(m.size).toBe(8);
    expect(lineAt(m, 2)).toMatchObject({ kind: 'group', path: ['c2'] });
    expect(lineAt(m, 3)).toMatchObject({ kind: 'loading', window: 1, path: [] });
    expect(lineAt(m, 5)).toMatchObject({ kind: 'loading', window: 1 });
    expect(lineAt(m, 7)).toMatchObject({ kind: 'group', path: ['c7'] });
    expect(groupWindowsIn(m, 0, 7)).toEqual([
      { path: [], window: 0 },
      { path: [], window: 1 },
      { path: [], window: 2 },
    ]);
    expect(groupWindowsIn(m, 4, 5)).toEqual([{ path: [], window: 1 }]);
    // Not counted yet: the first window, then one line saying more are coming.
    const counting = buildLines({ depth: 1, groups: () => level(null, [0]), expanded: () => false, rootCount: null, rootPath: [] });
    expect(counting.size).toBe(4);
    expect(lineAt(counting, 3)).toMatchObject({ kind: 'loading', window: 1 });
  });
});

describe('views', () => {
  it('treats empty filters as no filter', () => {
    const layout = defaultLayout();
    expect(sameDefinition({ filters: { clientIds: [], search: '' }, sort: [], groupBy: [], layout }, { filters: {}, sort: [], groupBy: [], layout })).toBe(true);
    const base = { filters: {}, sort: [], groupBy: [], layout };
    expect(isDirty({ source: { kind: 'builtin', id: 'all' }, baseline: base, definition: { ...base, sort: [{ column: 'client', desc: false }] } })).toBe(true);
  });

  it('names the active filters and removes one', () => {
    const f = { docDateFrom: '2026-01-01', clientIds: ['c'], statuses: ['taken' as const], search: 'x', mine: true };
    expect(activeFilters(f)).toEqual(['docDate', 'client', 'status', 'search', 'mine']);
    expect(removeFilter(f, 'docDate')).toEqual({ clientIds: ['c'], statuses: ['taken'], search: 'x', mine: true });
  });

  it('turns a tree node into filters, a leaf into its path, and refuses what no filter can say', () => {
    expect(treeChoice(['status', 'client'], {}, ['taken'])).toEqual({ kind: 'filters', filters: { statuses: ['taken'] } });
    expect(treeChoice(['status', 'client'], {}, ['taken', 'c1'])).toEqual({ kind: 'path', path: ['taken', 'c1'] });
    expect(treeChoice(['docMonth', 'client'], { docDateFrom: '2026-02-10' }, ['2026-02'])).toEqual({
      kind: 'filters',
      filters: { docDateFrom: '2026-02-10', docDateTo: '2026-02-28' },
    });
    expect(treeChoice(['priority', 'object', 'client'], {}, [3])).toEqual({ kind: 'filters', filters: { priorities: [3] } });
    expect(treeChoice(['object', 'client'], {}, ['Boiler'])).toBeNull();
    expect(treeChoice(['client', 'status'], {}, [null])).toBeNull();
    expect(treeChoice(['client'], {}, [])).toEqual({ kind: 'filters', filters: {} });
  });
});

describe('columns', () => {
  it('shares the window width in proportion in "fit" mode, pinned columns first', () => {
    const layout = defaultLayout();
    layout.columns = layout.columns.map((c) => (c.id === 'client' ? { ...c, pinned: true } : c));
    expect(displayOrder(layout)[0]!.id).toBe('client');
    const fit = displayWidths({ ...layout, widthMode: 'fit' }, 1000);
    expect([...fit.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    const fixed = displayWidths(layout, 1000);
    expect(fixed.get('client')).toBe(220);
  });

  it('never shrinks a column below what its values need: past that the grid scrolls (issue 9, item 15)', () => {
    const mins = { number: 60, date: 90, datetime: 130, status: 150, priority: 80, phone: 120, bool: 40 };
    const all = { ...defaultLayout(), widthMode: 'fit' as const };
    all.columns = all.columns.map((c) => ({ ...c, visible: true }));
    expect(all.columns.length).toBeGreaterThanOrEqual(17);
    // 30 columns in 1,200 px: every column at least its minimum, the total wider than the window.
    const tight = displayWidths(all, 1200, mins);
    expect(tight.get('number')).toBeGreaterThanOrEqual(60);
    expect(tight.get('docDate')).toBeGreaterThanOrEqual(90);
    expect(tight.get('plannedStart')).toBeGreaterThanOrEqual(130);
    expect(tight.get('status')).toBeGreaterThanOrEqual(150);
    expect([...tight.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(1200);
    // Room enough: the minimums hold, and the others share the rest exactly.
    const roomy = displayWidths(all, 6000, mins);
    expect(roomy.get('status')).toBeGreaterThanOrEqual(150);
    expect([...roomy.values()].reduce((a, b) => a + b, 0)).toBe(6000);
    // A fixed width narrower than the content is widened on screen too.
    const fixed = displayWidths({ ...all, widthMode: 'fixed', columns: all.columns.map((c) => (c.id === 'status' ? { ...c, width: 60 } : c)) }, 1200, mins);
    expect(fixed.get('status')).toBe(150);
  });

  it('moves a column one place among the visible ones, skipping hidden columns, and stops at the edges', () => {
    const base = defaultLayout();
    const shown = (l: ViewLayout) => displayOrder(l).map((c) => c.id);
    const [first, second, third] = shown(base);
    // Hide the second visible column: moving the first right passes over it to the third's place.
    const hidden = { ...base, columns: base.columns.map((c) => (c.id === second ? { ...c, visible: false } : c)) };
    const right = moveColumnBy(hidden, first!, 1);
    expect(shown(right).slice(0, 2)).toEqual([third, first]);
    expect(shown(moveColumnBy(right, first!, -1)).slice(0, 2)).toEqual([first, third]);
    // At an edge nothing moves, and the same object comes back (the menu greys the item out).
    expect(moveColumnBy(base, first!, -1)).toBe(base);
    const last = shown(base).at(-1)!;
    expect(moveColumnBy(base, last, 1)).toBe(base);
  });

  it('a column moved among the pinned ones is pinned, and unpinned when moved out', () => {
    const base = defaultLayout();
    const [first, second] = displayOrder(base).map((c) => c.id);
    const pinned = { ...base, columns: base.columns.map((c) => (c.id === first ? { ...c, pinned: true } : c)) };
    const moved = moveColumnBy(pinned, second!, -1);
    expect(displayOrder(moved).slice(0, 2).map((c) => [c.id, c.pinned])).toEqual([[second, true], [first, true]]);
    const out = moveColumnBy(pinned, first!, 1);
    expect(out.columns.find((c) => c.id === first)!.pinned).toBe(false);
  });
});

describe('formats', () => {
  it('writes dates in the UI language', () => {
    expect(gridFormat('ro').date('2026-03-07')).toBe('07.03.2026');
    // Day first in every language, English too (issue 9, item 10); the same in Catalan and Brazilian Portuguese.
    expect(gridFormat('en').date('2026-03-07')).toBe('07/03/2026');
    expect(gridFormat('ca').date('2026-03-07')).toBe('07/03/2026');
    expect(gridFormat('pt-BR').date('2026-03-07')).toBe('07/03/2026');
    expect(gridFormat('ro').dateTime(new Date(2026, 2, 7, 14, 5).getTime())).toBe('07.03.2026 14:05');
    expect(gridFormat('en').month('2026-03')).toBe('March 2026');
    expect(gridFormat('ro').month('2026-03')).toBe('Martie 2026');
    expect(gridFormat('pt-BR').count(1234567)).toBe('1.234.567');
  });
});

function row(i: number, tag = ''): GridRow {
  return { id: `r${i}${tag}`, version: 1, number: i + 1, client: `Client ${i}` } as unknown as GridRow;
}

describe('grid store', () => {
  function fakeRows(total: () => number, tag = () => '') {
    const t = new FakeTransport();
    t.answers['interventions.grid.rows'] = (input) => {
      const { position, limit } = input as { position: number; limit: number };
      const n = Math.max(0, Math.min(limit, total() - position));
      return { ok: true, value: { rows: Array.from({ length: n }, (_, i) => row(position + i, tag())), position, total: total() } };
    };
    return t;
  }

  it('fetches pages of 100 by position for what is in view, never everything, and drops far pages', async () => {
    const t = fakeRows(() => 1_000_000);
    const store = new GridStore(new ApiClient(t));
    store.setConfig({ view: { filters: {}, sort: [], groupBy: [], tzOffsetMinutes: 0 }, depth: 0, rootPath: [] });
    await flush();
    expect(store.total).toBe(1_000_000);
    expect(store.lines.size).toBe(1_000_000);
    for (let p = 0; p < 100; p++) {
      store.ensureVisible(p * 9_000, p * 9_000 + 25);
      await flush(1);
    }
    const asked = t.calls.filter((c) => c.method === 'interventions.grid.rows').map((c) => c.input as { position: number; limit: number });
    expect(asked.every((a) => a.limit === PAGE_SIZE && a.position % PAGE_SIZE === 0)).toBe(true);
    expect(asked.length).toBeLessThan(400);
    expect(store.pageCount).toBeLessThanOrEqual(42);
    store.ensureVisible(999_990, 999_999);
    await flush();
    expect(store.row([], 999_999)?.id).toBe('r999999');
  });

  it('refreshes what is shown without blanking it, and finds the selected row where it moved', async () => {
    let shift = 0;
    const t = fakeRows(() => 500);
    t.answers['interventions.grid.rows'] = (input) => {
      const { position, limit } = input as { position: number; limit: number };
      const rows = Array.from({ length: Math.min(limit, 500 - position) }, (_, i) => row(position + i - shift));
      return { ok: true, value: { rows, position, total: 500 } };
    };
    const store = new GridStore(new ApiClient(t));
    store.setConfig({ view: { filters: {}, sort: [], groupBy: [], tzOffsetMinutes: 0 }, depth: 0, rootPath: [] });
    await flush();
    store.ensureVisible(0, 20);
    await flush();
    expect(store.lineOfRowId('r5')).toBe(5);
    shift = 2;
    store.refresh();
    // Still shown while the new page is on its way.
    expect(store.row([], 5)?.id).toBe('r5');
    await flush();
    expect(store.lineOfRowId('r5')).toBe(7);
  });

  it('shows a row that left the view a moment, marked, before it goes', async () => {
    let gone = false;
    const t = fakeRows(() => 500);
    t.answers['interventions.grid.rows'] = (input) => {
      const { position, limit } = input as { position: number; limit: number };
      const ids = Array.from({ length: 501 }, (_, i) => i).filter((i) => !(gone && i === 3));
      const rows = ids.slice(position, position + limit).map((i) => row(i));
      return { ok: true, value: { rows, position, total: ids.length } };
    };
    const store = new GridStore(new ApiClient(t), 100, 40);
    store.setConfig({ view: { filters: {}, sort: [], groupBy: [], tzOffsetMinutes: 0 }, depth: 0, rootPath: [] });
    await flush();
    store.ensureVisible(0, 20);
    await flush();
    gone = true;
    store.refresh();
    await flush();
    // Still there, marked; the rows after it not yet moved up.
    expect(store.row([], 3)?.id).toBe('r3');
    expect(store.isLeaving('r3')).toBe(true);
    expect(store.isLeaving('r4')).toBe(false);
    await vi.waitFor(() => expect(store.row([], 3)?.id).toBe('r4'));
    expect(store.isLeaving('r3')).toBe(false);
    expect(store.total).toBe(500);
  });

  it('opens a level of 50,000 groups with its first window, counts it aside, and asks the others as they come in view', async () => {
    const t = fakeRows(() => 3);
    const all = Array.from({ length: 50_000 }, (_, i) => g(`c${i}`, 3));
    let counted = false;
    t.answers['interventions.grid.groupWindow'] = (input) => {
      const { offset, limit } = input as { offset: number; limit: number };
      // Like the server before the whole list is known: the window alone, no size.
      return { ok: true, value: { groups: all.slice(offset, offset + limit), size: counted ? { groups: all.length, rows: all.length * 3 } : null } };
    };
    t.answers['interventions.grid.groupSize'] = () => {
      counted = true;
      return { ok: true, value: { groups: all.length, rows: all.length * 3 } };
    };
    const store = new GridStore(new ApiClient(t));
    store.setConfig({ view: { filters: {}, sort: [], groupBy: ['client'], tzOffsetMinutes: 0 }, depth: 1, rootPath: [] });
    await flush();
    const windows = () => t.calls.filter((c) => c.method === 'interventions.grid.groupWindow').map((c) => (c.input as { offset: number }).offset);
    expect(windows()).toEqual([0]);
    expect(store.lines.size).toBe(50_000);
    expect(store.total).toBe(150_000);
    expect(store.line(199)).toMatchObject({ kind: 'group', path: ['c199'] });
    expect(store.line(30_000)).toMatchObject({ kind: 'loading', window: 150 });
    // A jump deep into the list asks the window there (and the one before, within the prefetch).
    store.ensureVisible(30_010, 30_040);
    await flush();
    expect(windows()).toEqual([0, 29_800, 30_000]);
    expect(store.line(30_010)).toMatchObject({ kind: 'group', path: ['c30010'] });
    // An expanded group's rows sit inside the level; the windows after it stay in place.
    store.setExpanded(['c30010'], true);
    expect(store.lines.size).toBe(50_003);
    expect(store.line(30_014)).toMatchObject({ kind: 'group', path: ['c30011'] });
    // A refresh asks again only the windows in view.
    store.refresh();
    await flush();
    expect(windows()).toEqual([0, 29_800, 30_000, 29_800, 30_000]);
  });
});
