import type { gridMethods } from '../../shared/api/grid';
import { user, viewer, type HandlerMap } from '../core/handler';
import type { InterventionGrid } from './grid';
import { deleteView, listViews, saveView } from './views';

/** The handlers of shared/api/grid.ts; the grid's caches are the state it keeps. */
export const gridHandlers = (grid: InterventionGrid): HandlerMap<keyof typeof gridMethods> => ({
  'interventions.grid.rows': ({ view, path, position, limit }, { me }) => grid.rows(view, path, position, limit, viewer(me)),
  'interventions.grid.groups': ({ view, path }, { me }) => grid.groups(view, path, viewer(me)),
  'interventions.grid.groupWindow': ({ view, path, offset, limit }, { me }) => grid.groupWindow(view, path, offset, limit, viewer(me)),
  'interventions.grid.groupSize': ({ view, path }, { me }) => grid.groupSize(view, path, viewer(me)),
  'interventions.grid.count': ({ view, path }, { me }) => grid.count(view, path, viewer(me)),
  'views.list': ({ module }, { ctx, me }) => listViews(ctx, user(me).userId, module),
  'views.save': ({ module, ...view }, { ctx, me }) => saveView(ctx, { userId: user(me).userId }, module, view),
  'views.delete': ({ id, version }, { ctx, me }) => deleteView(ctx, { userId: user(me).userId }, id, version),
});
