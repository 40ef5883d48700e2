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
import type { ComponentType } from 'react';
import type { Me } from '../../../shared/api/auth';
import type { ModuleName } from '../../../shared/domain/permissions';
import { ClientsWindow } from '../features/clients/clients-window';
import { InterventionsWindow } from '../features/grid/interventions-window';
import { GRID_SHORTCUTS } from '../features/grid/shortcuts';
import { FORM_SHORTCUTS } from '../features/interventions/shortcuts';
import { EDITOR_SHORTCUTS, type ShortcutGroup } from '../kit/shortcuts';
import type { AppInfoState } from '../kit/use-app-info';
import { AdministrationWindow } from './administration-window';
import { SoftphoneEngine } from '../features/calls/softphone';
import { CALL_LOG_SHORTCUTS, CALL_SHORTCUTS } from '../features/calls/shortcuts';
import { CallsWindow } from '../features/calls/calls-window';
import { RecordingsWindow } from '../features/recordings/recordings-window';
import { RECORDING_SHORTCUTS } from '../features/recordings/shortcuts';
import { SchedulingWindow } from './scheduling-window';
import { CALENDAR_SHORTCUTS } from '../features/calendar/shortcuts';
import { CONTRACT_SHORTCUTS } from '../features/contracts/shortcuts';

/** What a module's screen gets from the shell. */
export interface ModuleProps {
  me: Me;
  onMeChange: (me: Me) => void;
  appInfo: AppInfoState;
  /** The view the address names ('builtin:<id>' or a saved view's id): a favourite opened from My page. */
  view?: string | null;
}

export interface ModuleInfo {
  icon: Icon;
  /** The release that brings the module's first working screen. */
  release: string;
  /** Alt+<shortcut> opens it; fixed per module so muscle memory survives hidden modules. */
  shortcut: number;
  /** The screen; null while the module is not built (the shell says so plainly). */
  screen: ComponentType<ModuleProps> | null;
  /** Its keys, listed by F1 while it shows (the form's too, for the screen that opens it). */
  shortcuts?: readonly ShortcutGroup[];
}

/** The next release: the interventions grid comes in it. */
const NEXT_RELEASE = '0.2';

/**
 * The module registry: one line per module. Labels come from kit/labels.ts by id; rights from
 * the user's (shared/domain/permissions.ts), checked again by main for every call.
 */
export const MODULE_INFO: Record<ModuleName, ModuleInfo> = {
  interventions: { icon: IconClipboardList, release: NEXT_RELEASE, shortcut: 1, screen: InterventionsWindow, shortcuts: [GRID_SHORTCUTS, FORM_SHORTCUTS] },
  calendar: { icon: IconCalendar, release: '0.3', shortcut: 2, screen: SchedulingWindow, shortcuts: [CALENDAR_SHORTCUTS, CONTRACT_SHORTCUTS, FORM_SHORTCUTS] },
  clients: { icon: IconAddressBook, release: NEXT_RELEASE, shortcut: 3, screen: ClientsWindow, shortcuts: [EDITOR_SHORTCUTS] },
  calls: { icon: IconPhone, release: '0.4', shortcut: 4, screen: CallsWindow, shortcuts: [CALL_LOG_SHORTCUTS] },
  recordings: { icon: IconMicrophone, release: '0.4', shortcut: 5, screen: RecordingsWindow, shortcuts: [RECORDING_SHORTCUTS] },
  reports: { icon: IconChartBar, release: '0.5', shortcut: 6, screen: null },
  admin: { icon: IconSettings, release: NEXT_RELEASE, shortcut: 7, screen: AdministrationWindow, shortcuts: [EDITOR_SHORTCUTS] },
};

/**
 * Engines that outlive the screens (the softphone, the sync status): mounted once the user is
 * logged in and kept mounted whichever module shows, so a call survives switching modules.
 */
export interface Engine {
  id: string;
  component: ComponentType<{ me: Me }>;
  /** Keys that work on every screen while it runs (F1 lists them), and the right it needs. */
  shortcuts?: ShortcutGroup;
  module?: ModuleName;
}

export const ENGINES: readonly Engine[] = [{ id: 'softphone', component: SoftphoneEngine, shortcuts: CALL_SHORTCUTS, module: 'calls' }];
