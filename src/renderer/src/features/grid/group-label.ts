import type { TFunction } from 'i18next';
import type { GroupId } from '../../../../shared/grid/columns';
import type { GridGroup } from '../../../../shared/grid/query';
import type { GridFormat } from '../../kit/format';
import { isPriority, isStatus } from '../../kit/status-badge';
import { priorityLabel, sourceLabel, statusLabel } from '../../kit/labels';
import { isSource } from '../../../../shared/domain/intervention';

/** A group's name as people read it: statuses and priorities translated, days and months in the UI language. */
export function groupValueLabel(t: TFunction, fmt: GridFormat, id: GroupId | undefined, group: GridGroup): string {
  if (group.key === null) return t('grid.none');
  const raw = group.label !== '' ? group.label : String(group.key);
  switch (id) {
    case 'status':
      return isStatus(group.key) ? statusLabel(t, group.key) : raw;
    case 'priority': {
      const p = Number(group.key);
      return isPriority(p) ? priorityLabel(t, p) : raw;
    }
    case 'source':
      return isSource(group.key) ? sourceLabel(t, group.key) : raw;
    case 'docDay':
    case 'plannedStartDay':
    case 'plannedEndDay':
      return fmt.day(String(group.key));
    case 'docMonth':
      return fmt.month(String(group.key));
    default:
      return raw;
  }
}
