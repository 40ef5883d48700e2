import {
    IconAddressBook,
    IconCalendar,
    IconChartBar,
    IconClipboardList,
    IconMicrophone,
    IconPhone,
    IconSettings,
    type Icon,
} from '@tabler/icons-react';
import type { ModuleName } from '../../../shared/domain/permissions';

export interface ModuleInfo {
  icon: Icon;
  /** The release that brings the module's first working screen. */
  release: string;
  /** Alt+<shortcut> opens it; fixed per module so muscle memory survives hidden modules. */
  shortcut: number;
}

/** The next release: the interventions grid comes in it. */
const NEXT_RELEASE = '0.2';

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
