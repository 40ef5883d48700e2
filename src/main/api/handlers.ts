import { ApiError } from '../../shared/api/result';
import { appInfo } from '../services/app-info';
import { createClient, listClients } from '../services/clients';
import { setLanguage } from '../services/auth/profile';
import type { Handlers } from './dispatcher';

export const handlers: Handlers = {
  'auth.login': ({ login, password }, { app, caller }) => {
    const result = app.sessions.login(login, password, caller.transport);
    caller.token = result.token;
    return result;
  },
  'auth.logout': (_input, { app, caller, session }) => {
    if (session) app.sessions.logout(session.tokenHash);
    caller.token = null;
    return null;
  },
  'session.me': (_input, { me }) => {
    if (!me) throw new ApiError('unauthenticated', 'Please log in.');
    return me;
  },
  'session.setLanguage': ({ language }, { app, me }) => {
    if (!me) throw new ApiError('unauthenticated', 'Please log in.');
    return setLanguage(app.ctx, me.userId, language);
  },
  'app.info': (_input, { app }) => appInfo(app.ctx, app.identity),
  'settings.get': (_input, { app }) => app.settings.get(),
  'settings.update': (patch, { app }) => app.settings.update(patch),
  'clients.list': ({ query, limit }, { app }) => listClients(app.ctx, query, limit),
  'clients.create': (input, { app, actor }) => createClient(app.ctx, actor, input),
};
