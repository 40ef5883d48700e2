import { Loader } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { getCoreRowModel, useReactTable, type ColumnDef, type ColumnSizingState, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { COLUMN_IDS, COLUMNS, type ColumnId, type GridRow, type GroupId } from '../../../../shared/grid/columns';
import type { GridSort } from '../../../../shared/grid/query';
import type { ViewLayout } from '../../../../shared/grid/views';
import { cellAlign, cellContent, cellText, PendingNumber } from './cells';
import { displayOrder, moveColumnBy, reorderColumn } from './column-order';
import { gridFormat, type GridFormat } from '../../kit/format';
import { GridHeader, type DisplayColumn } from './grid-header';
import { groupValueLabel } from './group-label';
import type { GridStore } from './grid-store';
import { columnLabel, groupLabel } from './labels';
import { keyAction } from './grid-keys';
import { lineAt, pathKey, type Line, type LineModel } from './line-model';
import { HEADER_HEIGHT, ROW_HEIGHT, ScaledScroller, offsetToReveal, scrollScale } from './scroll-scaling';
import { MIN_COLUMN_WIDTH, contentMinWidths, displayWidths } from './column-widths';

const EMPTY: GridRow[] = [];
const SKELETON_LINES = 24;
/**
 * Lines are placed from an anchor that moves a block at a time, not from the scroll offset: a
 * row's top stays the same while it is in view, so its memoized element is kept, and a frame of
 * scrolling draws only the rows coming into view (placed from the offset, every row in view drew
 * again each frame). The block keeps tops far under Chromium's layout limit (~33M px) at any
 * list length; crossing one draws the rows in view once.
 */
const ANCHOR_BLOCK = 1 << 20;
const anchorOf = (vTop: number) => Math.floor(vTop / ANCHOR_BLOCK) * ANCHOR_BLOCK;

export interface GridProps {
  store: GridStore;
  layout: ViewLayout;
  /** The inline group levels (for the group headers' names). */
  groupBy: readonly GroupId[];
  sort: GridSort;
  onSortChange: (sort: GridSort) => void;
  onLayoutChange: (layout: ViewLayout) => void;
  /** The line with the keyboard cursor (-1: none) and the selected row's id. */
  cursor: number;
  selectedId: string | null;
  onCursorChange: (line: number, id: string | null) => void;
  onOpen: (row: GridRow) => void;
  onAdd: () => void;
  onDelete: () => void;
  onRefresh: () => void;
  onHeaderMenu: (id: ColumnId, x: number, y: number) => void;
  /** Gets the grid element, to focus it from the toolbar. */
  onElement?: (el: HTMLDivElement | null) => void;
}

/** Pinned columns first (in their order), then the others. */
/**
 * The interventions grid: TanStack Table (manual sorting and grouping: the server does both)
 * for the columns, TanStack Virtual over a ScaledScroller for the lines, pages of rows fetched
 * by position from the GridStore.
 */
export function Grid(props: GridProps) {
  const { store, layout, groupBy, sort, onSortChange, onLayoutChange, cursor, selectedId, onCursorChange } = props;
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const [scroller] = useState(() => new ScaledScroller());
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const [, setScrollTick] = useState(0);
  useSyncExternalStore(store.subscribe, store.getVersion);
  const lines = store.lines;
  const bodyHeight = Math.max(0, viewport.height - HEADER_HEIGHT);
  const scale = scrollScale(lines.size * ROW_HEIGHT, bodyHeight);

  useLayoutEffect(() => {
    scroller.attach(el);
    props.onElement?.(el);
  });
  useLayoutEffect(() => {
    scroller.configure(scale);
  }, [scroller, scale]);

  useEffect(() => {
    if (!el) return;
    const measure = () => setViewport({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);

  // Above the height cap a wheel notch moves as many rows as it would in a short list.
  useEffect(() => {
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (scroller.scale <= 1 || e.ctrlKey) return;
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? scroller.clientHeight : 1;
      e.preventDefault();
      scroller.scrollBy(e.deltaY * unit, e.deltaX * unit);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [el, scroller]);

  // eslint-disable-next-line react-hooks/incompatible-library -- not compiled by React Compiler; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer<HTMLElement, HTMLDivElement>({
    count: lines.size,
    getScrollElement: () => (el ? (scroller as unknown as HTMLElement) : null),
    estimateSize: () => ROW_HEIGHT,
    // Rows are drawn from pages already here, so a margin of 3 draws nothing late; each row more
    // costs every frame that brings new rows (6 -> 3 with rows drawn contained, interventions.css:
    // fling 42-46 -> 46-51 fps in bench/grid-ui).
    overscan: 3,
    initialRect: { width: 0, height: 0 },
    observeElementRect: (_instance, cb) => {
      const target = scroller.element;
      if (!target) return;
      const report = () => cb({ width: target.clientWidth, height: Math.max(0, target.clientHeight - HEADER_HEIGHT) });
      report();
      const ro = new ResizeObserver(report);
      ro.observe(target);
      return () => ro.disconnect();
    },
  });

  const items = virtualizer.getVirtualItems();
  // The last lines drawn with every row loaded: shown again while a jump's rows are on their way.
  const shown = useRef<Shown | null>(null);
  const range = virtualizer.range;
  const first = range?.startIndex ?? 0;
  const last = range?.endIndex ?? -1;
  const version = store.getVersion();
  useEffect(() => {
    store.ensureVisible(first, Math.max(first, last));
  }, [store, first, last, version]);

  // ---- columns (TanStack Table: order, visibility, sizes, pinning, sorting) ----
  const { widths, ordered, displayColumns, totalWidth } = useMemo(() => {
    const widths = displayWidths(layout, viewport.width, contentMinWidths(t, fmt));
    const ordered = displayOrder(layout);
    const displayColumns: DisplayColumn[] = [];
    let left = 0;
    const pinnedCount = ordered.filter((c) => c.pinned).length;
    ordered.forEach((c, i) => {
      const width = widths.get(c.id) ?? c.width;
      displayColumns.push({ id: c.id, label: columnLabel(t, c.id), width, align: cellAlign(COLUMNS[c.id].kind), left: c.pinned ? left : null, lastPinned: c.pinned && i === pinnedCount - 1 });
      left += width;
    });
    return { widths, ordered, displayColumns, totalWidth: Math.max(left, layout.widthMode === 'fit' ? viewport.width : 0) };
  }, [layout, viewport.width, t, fmt]);

  const columnDefs = useMemo<ColumnDef<GridRow>[]>(
    () => COLUMN_IDS.map((id) => ({ id, accessorFn: (r: GridRow) => r[id], size: COLUMNS[id].width, minSize: MIN_COLUMN_WIDTH, maxSize: 1200 })),
    [],
  );
  const sorting: SortingState = sort.map((s) => ({ id: s.column, desc: s.desc }));
  const columnSizing: ColumnSizingState = Object.fromEntries(layout.columns.map((c) => [c.id, widths.get(c.id) ?? c.width]));
  const setSorting = (u: Updater<SortingState>) => {
    const next = typeof u === 'function' ? u(sorting) : u;
    onSortChange(next.slice(0, 3).map((s) => ({ column: s.id as ColumnId, desc: s.desc })));
  };
  const setSizing = (u: Updater<ColumnSizingState>) => {
    const next = typeof u === 'function' ? u(columnSizing) : u;
    // In 'fit' mode the widths on screen become the new proportions.
    onLayoutChange({
      ...layout,
      columns: layout.columns.map((c) => {
        const w = next[c.id] ?? (c.visible ? (widths.get(c.id) ?? c.width) : c.width);
        return { ...c, width: Math.round(Math.min(1200, Math.max(MIN_COLUMN_WIDTH, w))) };
      }),
    });
  };
  const table = useReactTable<GridRow>({
    data: EMPTY,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualGrouping: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: true,
    maxMultiSortColCount: 3,
    isMultiSortEvent: (e) => (e as MouseEvent).shiftKey,
    sortDescFirst: false,
    enableSortingRemoval: true,
    columnResizeMode: 'onChange',
    state: {
      sorting,
      columnOrder: ordered.map((c) => c.id),
      columnVisibility: Object.fromEntries(layout.columns.map((c) => [c.id, c.visible])),
      columnSizing,
      columnPinning: { left: ordered.filter((c) => c.pinned).map((c) => c.id), right: [] },
    },
    onSortingChange: setSorting,
    onColumnSizingChange: setSizing,
  });

  // Stable while scrolling, so the header (memoized) is not drawn again each frame.
  const onReorder = useCallback((activeId: ColumnId, overId: ColumnId) => onLayoutChange(reorderColumn(layout, activeId, overId)), [layout, onLayoutChange]);
  const onMove = useCallback((id: ColumnId, step: -1 | 1) => onLayoutChange(moveColumnBy(layout, id, step)), [layout, onLayoutChange]);
  const sortState = sort.map((s) => `${s.column}:${s.desc ? 'd' : 'a'}`).join(',');

  // ---- keyboard ----
  const reveal = (index: number) => {
    const top = offsetToReveal(index, ROW_HEIGHT, scroller.scrollTop, scroller.clientHeight);
    if (top !== null) scroller.scrollTo({ top });
  };
  const moveTo = (index: number) => {
    if (lines.size === 0) return;
    const i = Math.max(0, Math.min(lines.size - 1, index));
    const line = lineAt(lines, i);
    onCursorChange(i, line?.kind === 'row' ? (store.row(line.path, line.position)?.id ?? null) : null);
    reveal(i);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const action = keyAction(e.key, lines, cursor, Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 1));
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'move') moveTo(action.to);
    else if (action.kind === 'expand' || action.kind === 'collapse') store.setExpanded(action.path, action.kind === 'expand');
    else if (action.kind === 'toggle') store.toggle(action.path);
    else if (action.kind === 'open') {
      const row = store.row(action.path, action.position);
      if (row) props.onOpen(row);
    } else if (action.kind === 'add') props.onAdd();
    else if (action.kind === 'delete') props.onDelete();
    else props.onRefresh();
  };

  // ---- lines ----
  const vTop = virtualizer.scrollOffset ?? 0;
  const realTop = vTop / scale.scale;
  const loading = !store.loadedOnce;
  const stale = lastKnown(shown, store, lines, items, first, last, vTop, scroller.clientHeight);
  // The layer is moved so that a line at virtual offset `start` shows at `start - at.vTop` in the
  // viewport while its own top is `start - at.anchor` (lines last known stay where they were).
  const at = stale ? { vTop: stale.vTop, anchor: stale.anchor } : { vTop, anchor: anchorOf(vTop) };
  const shift = at.vTop - at.anchor;

  return (
    <div
      ref={setEl}
      className="ivg-grid"
      role="grid"
      aria-label={t('grid.label')}
      aria-rowcount={lines.size}
      aria-multiselectable={false}
      tabIndex={0}
      data-testid="grid"
      data-lines={lines.size}
      data-scale={scale.scale}
      onKeyDown={onKeyDown}
      onScroll={scale.scale > 1 ? () => setScrollTick((n) => n + 1) : undefined}
    >
      <GridHeader
        table={table}
        sortState={sortState}
        sizingInfo={table.getState().columnSizingInfo}
        columns={displayColumns}
        totalWidth={totalWidth}
        onReorder={onReorder}
        onMove={onMove}
        onMenu={props.onHeaderMenu}
      />
      <div className="ivg-body" role="rowgroup" style={{ height: loading ? SKELETON_LINES * ROW_HEIGHT : scale.realHeight, width: totalWidth }}>
        <div className="ivg-layer" data-stale={stale ? true : undefined} style={{ top: realTop - shift, width: totalWidth }}>
          {stale?.jump && (
            <div className="ivg-jump" data-testid="grid-jump" style={{ top: shift + scroller.clientHeight / 2 - 16, left: scroller.scrollLeft + viewport.width / 2 - 110 }}>
              {t('grid.jumpPosition', { row: fmt.count(first + 1), total: fmt.count(lines.size) })}
            </div>
          )}
          {loading
            ? Array.from({ length: SKELETON_LINES }, (_, i) => <SkeletonRow key={i} top={i * ROW_HEIGHT - at.anchor} columns={displayColumns} odd={i % 2 === 1} />)
            : stale
              ? stale.rows.map((r) => (
                  <DataRow
                    key={r.key}
                    row={r.row}
                    line={r.line}
                    position={r.position}
                    depth={r.depth}
                    top={r.start - at.anchor}
                    width={totalWidth}
                    odd={r.position % 2 === 1}
                    selected={r.row.id === selectedId}
                    leaving={false}
                    columns={displayColumns}
                    fmt={fmt}
                    t={t}
                    onSelect={onCursorChange}
                    onOpen={props.onOpen}
                  />
                ))
            : items.map((item) => {
                const line = lineAt(lines, item.index);
                if (!line) return null;
                const top = item.start - at.anchor;
                if (line.kind === 'group') {
                  return (
                    <GroupLine
                      key={`g${pathKey(line.path)}`}
                      line={line}
                      top={top}
                      width={Math.max(totalWidth, viewport.width)}
                      selected={cursor === line.index && selectedId === null}
                      groupId={groupBy[line.level]}
                      fmt={fmt}
                      t={t}
                      onClick={() => {
                        onCursorChange(line.index, null);
                        store.toggle(line.path);
                      }}
                    />
                  );
                }
                if (line.kind === 'loading') {
                  return (
                    <div key={`l${line.index}`} className="ivg-row" aria-busy data-testid="group-loading" style={{ top, width: totalWidth, paddingLeft: 8 + line.level * 18 }}>
                      <Loader size={14} mt={7} />
                    </div>
                  );
                }
                const row = store.row(line.path, line.position);
                const selected = row ? row.id === selectedId || (selectedId === null && cursor === line.index) : cursor === line.index;
                return row ? (
                  <DataRow
                    key={`r${pathKey(line.path)}#${line.position}`}
                    row={row}
                    line={line.index}
                    position={line.position}
                    depth={line.path.length}
                    top={top}
                    width={totalWidth}
                    odd={line.position % 2 === 1}
                    selected={selected}
                    leaving={store.isLeaving(row.id)}
                    columns={displayColumns}
                    fmt={fmt}
                    t={t}
                    onSelect={onCursorChange}
                    onOpen={props.onOpen}
                  />
                ) : (
                  <SkeletonRow key={`r${pathKey(line.path)}#${line.position}`} top={top} columns={displayColumns} odd={line.position % 2 === 1} selected={selected} />
                );
              })}
        </div>
      </div>
      {store.loadedOnce && lines.size === 0 && !store.error && (
        <div className="ivg-overlay" style={{ width: viewport.width || undefined }} data-testid="grid-empty">
          <span style={{ fontSize: 14, fontWeight: 600 }}>{t('grid.empty')}</span>
          <span style={{ fontSize: 12 }}>{t('grid.emptyHint')}</span>
        </div>
      )}
    </div>
  );
}

/** Rows as last drawn with nothing missing (their content and where they were). */
interface Shown {
  vTop: number;
  /** The anchor the rows were placed from (anchorOf(vTop)). */
  anchor: number;
  model: LineModel;
  rows: { key: string; row: GridRow; line: number; position: number; depth: number; start: number }[];
  /** Shown for a jump (the row reached is said beside), not for a new sort. */
  jump?: boolean;
}

/**
 * The last complete lines to draw instead of the current ones, or null. A dragged scrollbar thumb
 * moves thousands of rows a frame, faster than any page can arrive: drawing skeletons for each
 * position (a new set of elements every frame) left the body blank and the frames slow (measured
 * 17 fps, three frames of four blank). So while the lines in view are not loaded and the view
 * jumped more than a screen from the last complete one, that one stays (dimmed, with the row
 * reached shown beside), and the new rows replace it as soon as they are all there. Otherwise
 * (a small move) missing rows show as skeletons among the loaded ones, as before. Records the
 * current lines when they are complete.
 */
function lastKnown(
  ref: { current: Shown | null },
  store: GridStore,
  lines: LineModel,
  items: readonly { index: number; start: number }[],
  first: number,
  last: number,
  vTop: number,
  viewportHeight: number,
): Shown | null {
  const rows: Shown['rows'] = [];
  let missing = false;
  for (const item of items) {
    const line = lineAt(lines, item.index);
    if (line?.kind !== 'row') continue;
    const row = store.row(line.path, line.position);
    if (row) rows.push({ key: `r${pathKey(line.path)}#${line.position}`, row, line: line.index, position: line.position, depth: line.path.length, start: item.start });
    else if (item.index >= first && item.index <= last) missing = true;
  }
  const prev = ref.current;
  if (!missing) {
    ref.current = { vTop, anchor: anchorOf(vTop), model: lines, rows };
    return null;
  }
  if (!prev) return null;
  // A new sort of the same rows: the rows shown stay, dimmed, until the new order's are here
  // (skeletons in between meant drawing every row twice: ~100 ms more to the first sorted rows).
  if (prev.model !== lines) return store.resortedFrom(prev.model) && prev.vTop === vTop ? { ...prev, jump: false } : null;
  // Otherwise only for the same lines (not after a filter or a group opened) and a real jump.
  if (Math.abs(vTop - prev.vTop) <= viewportHeight) return null;
  return { ...prev, jump: true };
}

function cellStyle(c: DisplayColumn) {
  return { width: c.width, left: c.left ?? undefined };
}

function cellClass(c: DisplayColumn): string {
  return `ivg-cell${c.left !== null ? ' ivg-pinned' : ''}${c.lastPinned ? ' ivg-pinned-last' : ''}`;
}

interface DataRowProps {
  row: GridRow;
  line: number;
  position: number;
  top: number;
  width: number;
  odd: boolean;
  selected: boolean;
  /** It left the view (a write elsewhere) and goes in a moment. */
  leaving: boolean;
  /** How many groups the row is under: its first cell is indented past their chevrons. */
  depth: number;
  columns: DisplayColumn[];
  fmt: GridFormat;
  t: TFunction;
  onSelect: (line: number, id: string) => void;
  onOpen: (row: GridRow) => void;
}

const DataRow = memo(function DataRow({ row, line, position, depth, top, width, odd, selected, leaving, columns, fmt, t, onSelect, onOpen }: DataRowProps) {
  return (
    <div
      className="ivg-row"
      role="row"
      aria-rowindex={line + 1}
      aria-selected={selected}
      data-testid="grid-row"
      data-row-id={row.id}
      data-position={position}
      data-line={line}
      data-odd={odd || undefined}
      data-selected={selected || undefined}
      data-depth={depth || undefined}
      data-unread={row.unread > 0 || undefined}
      data-leaving={leaving || undefined}
      title={leaving ? t('grid.leaving') : undefined}
      style={{ top, width }}
      onMouseDown={() => onSelect(line, row.id)}
      onDoubleClick={() => onOpen(row)}
    >
      {columns.map((c, i) => {
        const kind = COLUMNS[c.id].kind;
        const value = row[c.id];
        return (
          <div key={c.id} role="gridcell" className={cellClass(c)} data-align={c.align} data-col={c.id} data-kind={kind} style={cellStyle(c)} title={cellText(kind, value, fmt)}>
            {/* The viewer's unread messages lead the row, whatever its first column. */}
            {i === 0 && row.unread > 0 && (
              <span className="ivg-unread" data-testid="row-unread" title={t('grid.unread', { count: row.unread })} aria-label={t('grid.unread', { count: row.unread })}>
                {fmt.count(row.unread)}
              </span>
            )}
            {cellContent(kind, value, fmt, t)}
            <PendingNumber column={c.id} row={row} t={t} />
          </div>
        );
      })}
    </div>
  );
});

function SkeletonRow({ top, columns, odd, selected }: { top: number; columns: DisplayColumn[]; odd: boolean; selected?: boolean }) {
  return (
    <div className="ivg-row" aria-busy data-testid="grid-row-loading" data-odd={odd || undefined} data-selected={selected || undefined} style={{ top }}>
      {columns.map((c) => (
        <div key={c.id} className={cellClass(c)} data-align={c.align} style={cellStyle(c)}>
          <span className="ivg-skel" style={{ width: `${40 + ((c.id.length * 13) % 45)}%` }} />
        </div>
      ))}
    </div>
  );
}

interface GroupLineProps {
  line: Extract<Line, { kind: 'group' }>;
  top: number;
  width: number;
  selected: boolean;
  groupId: GroupId | undefined;
  fmt: GridFormat;
  t: TFunction;
  onClick: () => void;
}

function GroupLine({ line, top, width, selected, groupId, fmt, t, onClick }: GroupLineProps) {
  const key = line.group.key;
  const label = groupValueLabel(t, fmt, groupId, line.group);
  return (
    <div
      className="ivg-group"
      role="row"
      aria-rowindex={line.index + 1}
      aria-expanded={line.expanded}
      aria-level={line.level + 1}
      aria-selected={selected}
      data-testid="group-row"
      data-group-key={key === null ? '' : String(key)}
      data-group-label={label}
      data-level={line.level}
      data-line={line.index}
      data-expanded={line.expanded || undefined}
      data-selected={selected || undefined}
      style={{ top, width }}
      onClick={onClick}
    >
      <div className="ivg-group-inner" style={{ paddingLeft: 6 + line.level * 18 }}>
        <span className="ivg-chevron" data-open={line.expanded || undefined}>
          <IconChevronRight size={14} stroke={2} />
        </span>
        {groupId && <span className="ivg-group-kind">{groupLabel(t, groupId)}:</span>}
        <span className="ivg-group-label" data-testid="group-label">
          {label}
        </span>
        {line.group.detail && <span className="ivg-group-detail">{line.group.detail}</span>}
        <span className="ivg-count" data-testid="group-count">
          {fmt.count(line.group.count)}
        </span>
      </div>
    </div>
  );
}
