import type { TFunction } from 'i18next';
import type { ModuleName } from '../../../shared/domain/permissions';
import type { InterventionStatus, MessageKind, SourceChannel } from '../../../shared/domain/intervention';

/*
 * Labels several features show: statuses, priorities, message kinds, modules and roles.
 * Literal keys on purpose: the catalogue test finds every key the UI uses by reading the sources.
 */
export function statusLabel(t: TFunction, status: InterventionStatus): string {
  switch (status) {
    case 'taken':
      return t('grid.statuses.taken');
    case 'allocated':
      return t('grid.statuses.allocated');
    case 'confirmed':
      return t('grid.statuses.confirmed');
    case 'finalized':
      return t('grid.statuses.finalized');
    case 'cancelled':
      return t('grid.statuses.cancelled');
  }
}

/** How a request came in. */
export function sourceLabel(t: TFunction, source: SourceChannel): string {
  switch (source) {
    case 'phone':
      return t('grid.sources.phone');
    case 'email':
      return t('grid.sources.email');
    case 'portal':
      return t('grid.sources.portal');
    case 'schedule':
      return t('grid.sources.schedule');
    case 'walk_in':
      return t('grid.sources.walk_in');
  }
}

export type Priority = 1 | 2 | 3;

export function priorityLabel(t: TFunction, priority: Priority): string {
  switch (priority) {
    case 1:
      return t('grid.priorities.low');
    case 2:
      return t('grid.priorities.medium');
    case 3:
      return t('grid.priorities.high');
  }
}

export function kindLabel(t: TFunction, kind: MessageKind): string {
  switch (kind) {
    case 'note':
      return t('thread.kinds.note');
    case 'email_in':
      return t('thread.kinds.email_in');
    case 'email_out':
      return t('thread.kinds.email_out');
    case 'call':
      return t('thread.kinds.call');
    case 'system':
      return t('thread.kinds.system');
  }
}

export function moduleLabel(t: TFunction, module: ModuleName): string {
  switch (module) {
    case 'interventions':
      return t('nav.interventions');
    case 'calendar':
      return t('nav.calendar');
    case 'clients':
      return t('nav.clients');
    case 'calls':
      return t('nav.calls');
    case 'recordings':
      return t('nav.recordings');
    case 'reports':
      return t('nav.reports');
    case 'admin':
      return t('nav.admin');
  }
}

export function moduleDescription(t: TFunction, module: ModuleName): string {
  switch (module) {
    case 'interventions':
      return t('modules.interventions.description');
    case 'calendar':
      return t('modules.calendar.description');
    case 'clients':
      return t('modules.clients.description');
    case 'calls':
      return t('modules.calls.description');
    case 'recordings':
      return t('modules.recordings.description');
    case 'reports':
      return t('modules.reports.description');
    case 'admin':
      return t('modules.admin.description');
  }
}

/** What the module will do, in three lines. */
export function modulePlan(t: TFunction, module: ModuleName): string[] {
  switch (module) {
    case 'interventions':
      return [t('modules.interventions.point1'), t('modules.interventions.point2'), t('modules.interventions.point3')];
    case 'calendar':
      return [t('modules.calendar.point1'), t('modules.calendar.point2'), t('modules.calendar.point3')];
    case 'clients':
      return [t('modules.clients.point1'), t('modules.clients.point2'), t('modules.clients.point3')];
    case 'calls':
      return [t('modules.calls.point1'), t('modules.calls.point2'), t('modules.calls.point3')];
    case 'recordings':
      return [t('modules.recordings.point1'), t('modules.recordings.point2'), t('modules.recordings.point3')];
    case 'reports':
      return [t('modules.reports.point1'), t('modules.reports.point2'), t('modules.reports.point3')];
    case 'admin':
      return [t('modules.admin.point1'), t('modules.admin.point2'), t('modules.admin.point3')];
  }
}

export function roleLabel(t: TFunction, role: 'operator' | 'supervisor' | 'technician' | 'admin'): string {
  switch (role) {
    case 'operator':
      return t('roles.operator');
    case 'supervisor':
      return t('roles.supervisor');
    case 'technician':
      return t('roles.technician');
    case 'admin':
      return t('roles.admin');
  }
}
