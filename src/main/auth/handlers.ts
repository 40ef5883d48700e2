import type { authMethods } from '../../shared/api/auth';
import { user, type HandlerMap } from '../core/handler';
import { setLanguage, setStartPage, toggleFavourite } from './profile';
import type { SessionService } from './sessions';
import { createUserAdmin, listUsers, setUserPassword, updateUserAdmin } from './users';

/** The handlers of shared/api/auth.ts; sessions are the one state auth keeps. */
export const authHandlers = (sessions: SessionService): HandlerMap<keyof typeof authMethods> => ({
  'auth.login': async ({ login, password }, { caller }) => {
    const { token, result } = await sessions.login(login, password, caller.transport, caller.address ?? caller.transport);
    caller.token = token;
    return result;
  },
  'auth.logout': (_input, { caller, session }) => {
    // Forgotten first, so this window gets its answer; the session's other windows are told it ended.
    caller.token = null;
    if (session) sessions.logout(session.tokenHash, session.userId);
    return null;
  },
  'session.me': (_input, { me }) => user(me),
  'session.setLanguage': ({ language }, { ctx, me }) => setLanguage(ctx, user(me).userId, language),
  'session.toggleFavourite': (favourite, { ctx, me }) => toggleFavourite(ctx, user(me).userId, favourite),
  'session.setStartPage': ({ startPage }, { ctx, me }) => setStartPage(ctx, user(me).userId, startPage),
  'admin.users.list': (_input, { ctx }) => listUsers(ctx),
  'admin.users.create': (input, { ctx, actor }) => createUserAdmin(ctx, actor, input),
  'admin.users.update': (input, { ctx, actor }) => updateUserAdmin(ctx, sessions, actor, input),
  'admin.users.setPassword': (input, { ctx, actor, session }) => setUserPassword(ctx, sessions, actor, input, session?.tokenHash ?? null),
});
