import {
  IconAddressBook,
  IconCalendar,
  IconClipboardList,
  IconMicrophone,
  IconPhone,
  IconChartBar,
  IconSettings,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ModuleName } from '../../../shared/domain/permissions';

export interface ModuleInfo {
  icon: Icon;
  /** The release that brings the module's first working screen. */
  release: string;
  /** Alt+<shortcut> opens it; fixed per module so muscle memory survives hidden modules. */
  shortcut: number;
}

/** The next release: the interventions grid comes in it. */
export const NEXT_RELEASE = '0.2';

export const MODULE_INFO: Record<ModuleName, ModuleInfo> = {
  interventions: { icon: IconClipboardList, release: NEXT_RELEASE, shortcut: 1 },
  calendar: { icon: IconCalendar, release: '0.3', shortcut: 2 },
  clients: { icon: IconAddressBook, release: NEXT_RELEASE, shortcut: 3 },
  calls: { icon: IconPhone, release: '0.4', shortcut: 4 },
  recordings: { icon: IconMicrophone, release: '0.4', shortcut: 5 },
  reports: { icon: IconChartBar, release: '0.5', shortcut: 6 },
  admin: { icon: IconSettings, release: NEXT_RELEASE, shortcut: 7 },
};

// Literal keys on purpose: the catalogue test finds every key the UI uses by reading the sources.

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
