import type { ColumnId } from '../../../../shared/grid/columns';
import type { ViewLayout } from '../../../../shared/grid/views';

/** The visible columns as drawn: pinned ones first, each group in layout order. */
export function displayOrder(layout: ViewLayout): ViewLayout['columns'] {
  const visible = layout.columns.filter((c) => c.visible);
  return [...visible.filter((c) => c.pinned), ...visible.filter((c) => !c.pinned)];
}

/**
 * Puts `activeId` where `overId` is (after it when moving right, before it when moving left).
 * Dropped among the pinned columns it becomes pinned, and the other way round.
 */
export function reorderColumn(layout: ViewLayout, activeId: ColumnId, overId: ColumnId): ViewLayout {
  const cols = layout.columns.slice();
  const from = cols.findIndex((c) => c.id === activeId);
  const to = cols.findIndex((c) => c.id === overId);
  if (from < 0 || to < 0 || from === to) return layout;
  const [moved] = cols.splice(from, 1);
  cols.splice(to, 0, { ...moved!, pinned: cols.find((c) => c.id === overId)?.pinned ?? moved!.pinned });
  return { ...layout, columns: cols };
}

/**
 * Moves a column one place left (-1) or right (+1) among the columns on screen: the keyboard's
 * and the header menu's way to reorder, exact where a drag depends on the pointer's path.
 */
export function moveColumnBy(layout: ViewLayout, id: ColumnId, step: -1 | 1): ViewLayout {
  const shown = displayOrder(layout);
  const at = shown.findIndex((c) => c.id === id);
  const neighbour = at < 0 ? undefined : shown[at + step];
  return neighbour ? reorderColumn(layout, id, neighbour.id) : layout;
}
