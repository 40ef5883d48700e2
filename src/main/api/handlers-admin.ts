import type { adminMethods } from '../../shared/api/contract-admin';
import { createSeries, listSeries, updateSeries } from '../numbering/series';
import { createPeriod, deletePeriod, listPeriods, updatePeriod } from '../numbering/working-periods';
import {
  createPersonAdmin,
  createTeamAdmin,
  deletePersonAdmin,
  deleteTeamAdmin,
  listPersonnel,
  listTeams,
  updatePersonAdmin,
  updateTeamAdmin,
} from '../personnel/personnel-admin';
import { createUserAdmin, listUsers, setUserPassword, updateUserAdmin } from '../auth/users-admin';
import type { Handlers } from './dispatcher';

/** The handlers of contract-admin.ts (one section, one owner). */
export const adminHandlers: Pick<Handlers, keyof typeof adminMethods> = {
  'admin.series.list': (_input, { app }) => listSeries(app.ctx),
  'admin.series.create': (input, { app, actor }) => createSeries(app.ctx, actor, input),
  'admin.series.update': (input, { app, actor }) => updateSeries(app.ctx, actor, input),
  'admin.periods.list': (_input, { app }) => listPeriods(app.ctx),
  'admin.periods.create': (input, { app, actor }) => createPeriod(app.ctx, actor, input),
  'admin.periods.update': (input, { app, actor }) => updatePeriod(app.ctx, actor, input),
  'admin.periods.delete': ({ id, version }, { app, actor }) => {
    deletePeriod(app.ctx, actor, id, version);
    return null;
  },
  'admin.personnel.list': (_input, { app }) => listPersonnel(app.ctx),
  'admin.personnel.create': (input, { app, actor }) => createPersonAdmin(app.ctx, actor, input),
  'admin.personnel.update': (input, { app, actor }) => updatePersonAdmin(app.ctx, actor, input),
  'admin.personnel.delete': ({ id, version }, { app, actor }) => {
    deletePersonAdmin(app.ctx, actor, id, version);
    return null;
  },
  'admin.teams.list': (_input, { app }) => listTeams(app.ctx),
  'admin.teams.create': (input, { app, actor }) => createTeamAdmin(app.ctx, actor, input),
  'admin.teams.update': (input, { app, actor }) => updateTeamAdmin(app.ctx, actor, input),
  'admin.teams.delete': ({ id, version }, { app, actor }) => {
    deleteTeamAdmin(app.ctx, actor, id, version);
    return null;
  },
  'admin.users.list': (_input, { app }) => listUsers(app.ctx),
  'admin.users.create': (input, { app, actor }) => createUserAdmin(app.ctx, actor, input),
  'admin.users.update': (input, { app, actor }) => updateUserAdmin(app.ctx, app.sessions, actor, input),
  'admin.users.setPassword': (input, { app, actor, session }) => setUserPassword(app.ctx, app.sessions, actor, input, session?.tokenHash ?? null),
};
