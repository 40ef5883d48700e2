import type { personnelMethods } from '../../shared/api/personnel';
import type { HandlerMap } from '../core/handler';
import { createPersonAdmin, deletePersonAdmin, listPersonnel, updatePersonAdmin } from './people';
import { createTeamAdmin, deleteTeamAdmin, listTeams, updateTeamAdmin } from './teams';

/** The handlers of shared/api/personnel.ts. */
export const personnelHandlers: HandlerMap<keyof typeof personnelMethods> = {
  'admin.personnel.list': (_input, { ctx }) => listPersonnel(ctx),
  'admin.personnel.create': (input, { ctx, actor }) => createPersonAdmin(ctx, actor, input),
  'admin.personnel.update': (input, { ctx, actor }) => updatePersonAdmin(ctx, actor, input),
  'admin.personnel.delete': ({ id, version }, { ctx, actor }) => deletePersonAdmin(ctx, actor, id, version),
  'admin.teams.list': (_input, { ctx }) => listTeams(ctx),
  'admin.teams.create': (input, { ctx, actor }) => createTeamAdmin(ctx, actor, input),
  'admin.teams.update': (input, { ctx, actor }) => updateTeamAdmin(ctx, actor, input),
  'admin.teams.delete': ({ id, version }, { ctx, actor }) => deleteTeamAdmin(ctx, actor, id, version),
};
