import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent, type Modifier } from '@dnd-kit/core';
import { SortableContext, horizontalListSortingStrategy, sortableKeyboardCoordinates, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { ColumnSizingInfoState, Header, Table } from '@tanstack/react-table';
import { memo, useRef, type CSSProperties, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnId, GridRow } from '../../../../shared/grid/columns';
import { HEADER_HEIGHT } from './scroll-scaling';

/** A visible column as drawn: its width on screen and, when pinned, its left offset. */
export interface DisplayColumn {
  id: ColumnId;
  label: string;
  width: number;
  align: 'left' | 'right' | 'center';
  /** Pinned: sticky at this offset from the left edge. */
  left: number | null;
  lastPinned: boolean;
}

const horizontalOnly: Modifier = ({ transform }) => ({ ...transform, y: 0 });

interface HeaderProps {
  /** The same object at every draw: what of its state the header shows comes beside it. */
  table: Table<GridRow>;
  /** The sort as shown (column:direction, ...), so a new sort draws the header again. */
  sortState: string;
  /** The table's resize state (a column edge being dragged), likewise. */
  sizingInfo: ColumnSizingInfoState;
  columns: DisplayColumn[];
  totalWidth: number;
  onReorder: (activeId: ColumnId, overId: ColumnId) => void;
  /** One place left or right: Ctrl+Shift+arrow on a focused header. */
  onMove: (id: ColumnId, step: -1 | 1) => void;
  onMenu: (id: ColumnId, x: number, y: number) => void;
}

/**
 * The sticky header row: click to sort, drag to reorder, drag an edge to resize, right click for
 * the column menu. Memoized: the grid draws at every frame of a scroll, and fifteen sortable
 * cells drawn again each time cost the frame.
 */
export const GridHeader = memo(function GridHeader({ table, columns, totalWidth, onReorder, onMove, onMenu }: HeaderProps) {
  const sensors = useSensors(
    // A press picks the column up once it moves 4 px: a click then is only a click (it sorts
    // through the label's onClick). Picked up on press, every sort click drew all the sortable
    // cells twice and measured them, ~45 ms before the new sort was even asked for (bench/grid-ui).
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const lastSort = useRef(0);
  const headers = new Map(table.getFlatHeaders().map((h) => [h.column.id, h]));
  const sortBy = (id: ColumnId, event: unknown) => {
    lastSort.current = Date.now();
    headers.get(id)?.column.getToggleSortingHandler()?.(event);
  };
  const onDragEnd = ({ active, over, delta, activatorEvent }: DragEndEvent) => {
    if (Math.abs(delta.x) < 4 && Math.abs(delta.y) < 4) sortBy(active.id as ColumnId, activatorEvent);
    else if (over && active.id !== over.id) onReorder(active.id as ColumnId, over.id as ColumnId);
  };
  // A click on the label sorts (a press that never moved 4 px); once, if a drag that came back to
  // where it started sorted already.
  const onLabelClick = (id: ColumnId, event: unknown) => {
    if (Date.now() - lastSort.current > 400) sortBy(id, event);
  };
  return (
    <div className="ivg-header" role="row" style={{ width: totalWidth, minWidth: '100%' }}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} modifiers={[horizontalOnly]} onDragEnd={onDragEnd}>
        <SortableContext items={columns.map((c) => c.id)} strategy={horizontalListSortingStrategy}>
          {columns.map((c) => {
            const header = headers.get(c.id);
            return header ? <HeaderCell key={c.id} column={c} header={header} onMenu={onMenu} onMove={onMove} onSort={onLabelClick} last={c === columns[columns.length - 1]} /> : null;
          })}
        </SortableContext>
      </DndContext>
    </div>
  );
});

interface CellProps {
  column: DisplayColumn;
  header: Header<GridRow, unknown>;
  onMenu: HeaderProps['onMenu'];
  onMove: HeaderProps['onMove'];
  onSort: (id: ColumnId, event: unknown) => void;
  last: boolean;
}

function HeaderCell({ column, header, onMenu, onMove, onSort, last }: CellProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: column.id });
  // Picked up on press: it only looks dragged once it moves.
  const moved = isDragging && transform !== null && Math.abs(transform.x) > 2;
  const sorted = header.column.getIsSorted();
  const sortIndex = header.column.getSortIndex();
  const multi = header.getContext().table.getState().sorting.length > 1;
  const resizing = header.column.getIsResizing();
  const resize = header.getResizeHandler();
  const style: CSSProperties = {
    width: column.width,
    height: HEADER_HEIGHT,
    transform: CSS.Translate.toString(transform),
    transition,
    left: column.left ?? undefined,
  };
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="columnheader"
      aria-sort={ariaSort}
      aria-roledescription={t('grid.columnsMenu.drag')}
      className={`ivg-hcell${column.left !== null ? ' ivg-pinned' : ''}${column.lastPinned ? ' ivg-pinned-last' : ''}`}
      data-align={column.align}
      data-dragging={moved || undefined}
      data-last={last || undefined}
      data-testid={`col-${column.id}`}
      data-col-header={column.id}
      style={style}
      onKeyDown={(e: ReactKeyboardEvent) => {
        // Ctrl+Shift+arrow moves the focused column; other keys go on to dnd-kit (Space lifts it).
        if (e.ctrlKey && e.shiftKey && !e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
          e.preventDefault();
          e.stopPropagation();
          onMove(column.id, e.key === 'ArrowLeft' ? -1 : 1);
          return;
        }
        listeners?.onKeyDown?.(e);
      }}
      onContextMenu={(e: ReactMouseEvent) => {
        e.preventDefault();
        onMenu(column.id, e.clientX, e.clientY);
      }}
    >
      <div className="ivg-hcell-label" onClick={(e) => onSort(column.id, e)} title={`${column.label} — ${t('grid.columnsMenu.sortHint')} ${t('grid.columnsMenu.moveHint')}`}>
        <span className="ivg-hcell-text">{column.label}</span>
        {sorted && (
          <span className="ivg-sort" data-testid={`sort-${column.id}`} data-dir={sorted}>
            {sorted === 'asc' ? <IconArrowUp size={12} stroke={2.4} /> : <IconArrowDown size={12} stroke={2.4} />}
            {multi && sortIndex >= 0 ? sortIndex + 1 : null}
          </span>
        )}
      </div>
      <div
        className="ivg-resizer"
        data-resizing={resizing || undefined}
        data-testid={`col-resize-${column.id}`}
        onPointerDown={(e) => e.stopPropagation()}
        onMouseDown={(e) => {
          e.stopPropagation();
          resize(e);
        }}
        onTouchStart={(e) => {
          e.stopPropagation();
          resize(e);
        }}
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => e.stopPropagation()}
      />
    </div>
  );
}
