import type { settingsMethods } from '../../shared/api/settings';
import type { HandlerMap } from '../core/handler';
import { appInfo, type AppIdentity } from './app-info';
import type { SettingsService } from './settings';

/** The handlers of shared/api/settings.ts. */
export const settingsHandlers = (settings: SettingsService, identity: AppIdentity): HandlerMap<keyof typeof settingsMethods> => ({
  'app.info': (_input, { ctx }) => appInfo(ctx, identity),
  'settings.get': () => settings.get(),
  'settings.update': (patch) => settings.update(patch),
});
