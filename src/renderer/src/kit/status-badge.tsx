import type { TFunction } from 'i18next';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../../shared/domain/intervention';
import { priorityLabel, statusLabel, type Priority } from './labels';

export function isStatus(v: unknown): v is InterventionStatus {
  return typeof v === 'string' && (INTERVENTION_STATUSES as readonly string[]).includes(v);
}

export function isPriority(v: unknown): v is Priority {
  return v === 1 || v === 2 || v === 3;
}

export function StatusBadge({ status, t }: { status: InterventionStatus; t: TFunction }) {
  return (
    <span className="ivg-status" data-status={status}>
      {statusLabel(t, status)}
    </span>
  );
}

export function PriorityMark({ priority, t }: { priority: Priority; t: TFunction }) {
  return (
    <span className="ivg-prio" data-priority={priority}>
      {priorityLabel(t, priority)}
    </span>
  );
}
