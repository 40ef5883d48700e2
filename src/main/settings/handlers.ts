import type { settingsMethods } from '../../shared/api/settings';
import { user, type HandlerMap } from '../core/handler';
import { allows } from '../../shared/domain/permissions';
import { appInfo, type AppIdentity } from './app-info';
import type { SettingsService } from './settings';

/** The handlers of shared/api/settings.ts. */
export const settingsHandlers = (settings: SettingsService, identity: AppIdentity): HandlerMap<keyof typeof settingsMethods> => ({
  // Where the database lies on disk is for administrators only (a read-only user learns nothing of the machine).
  'app.info': (_input, { ctx, me }) => appInfo(ctx, identity, allows(user(me).rights, 'admin', 'read')),
  'settings.get': () => settings.get(),
  'settings.update': (patch) => settings.update(patch),
});
