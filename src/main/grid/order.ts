import { INTERVENTION_STATUSES } from '../../shared/domain/intervention';
import type { GridView } from '../../shared/grid/query';
import type { ColumnId } from '../../shared/grid/columns';
import { columnExpressions, groupExpressions, INDEXED_SORT } from './columns-sql';
import type { Viewer } from './where';

/** Statuses sort in workflow order, not alphabetically. */
export const statusOrder = (expr: string) => `CASE ${expr} ${INTERVENTION_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

const DEFAULT_SORT = [{ column: 'docDate' as ColumnId, desc: true }];

function effectiveSort(view: GridView) {
  return view.sort.length > 0 ? view.sort : DEFAULT_SORT;
}

/** True when every sort key is a column of interventions with an index to walk. */
export function isIndexedSort(view: GridView): boolean {
  return effectiveSort(view).every((k) => INDEXED_SORT[k.column] !== undefined);
}

/**
 * ORDER BY of a view; the rowid last breaks ties so the order is total and stable. With
 * `byGroups` (exports), rows come in the order of their groups first, as the grid shows them.
 */
export function orderByFor(view: GridView, viewer: Viewer, byGroups = true): string {
  const cols = columnExpressions(viewer.language);
  const sort = effectiveSort(view);
  const groups = groupExpressions(viewer.language, view.tzOffsetMinutes);
  const groupKeys = byGroups
    ? view.groupBy.map((g) => {
        const spec = groups[g];
        if (spec.viaClient) return `c.${spec.viaClient}`;
        if (g === 'status') return statusOrder(spec.key);
        if (g === 'client') return 'i.client_sort, i.client_id';
        return `${spec.key}${g === 'priority' || g.endsWith('Day') || g === 'docMonth' ? ' DESC' : ''}`;
      })
    : [];
  const keys = sort.map((k) => {
    const expr = k.column === 'status' ? statusOrder('i.status') : (INDEXED_SORT[k.column] ?? cols[k.column]);
    return `${expr} ${k.desc ? 'DESC' : 'ASC'}`;
  });
  return [...groupKeys, ...keys, `i.rowid ${sort[sort.length - 1]?.desc ? 'DESC' : 'ASC'}`].join(', ');
}
