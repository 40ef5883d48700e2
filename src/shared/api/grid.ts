import { z } from 'zod';
import { def } from './def';
import { preference, read } from './permission';
import { recordRef } from './primitives';
import { type GridRowsResult, gridRowsInput, type GridGroup, gridGroupsInput, gridCountInput, gridGroupWindowInput, type GridGroupWindow, type GridGroupSize } from '../grid/query';
import { type SavedView, saveViewInput } from '../grid/views';

/* The interventions grid and saved views. */

/** The interventions grid (rows, groups, counts of a view) and saved views (each user's own). */
export const gridMethods = {
  'interventions.grid.rows': def<GridRowsResult>()(gridRowsInput, read('interventions')),
  'interventions.grid.groups': def<GridGroup[]>()(gridGroupsInput, read('interventions')),
  'interventions.grid.groupWindow': def<GridGroupWindow>()(gridGroupWindowInput, read('interventions')),
  'interventions.grid.groupSize': def<GridGroupSize>()(gridGroupsInput, read('interventions')),
  'interventions.grid.count': def<number>()(gridCountInput, read('interventions')),
  'views.list': def<SavedView[]>()(z.object({ module: z.literal('interventions') }).strict(), read('interventions')),
  'views.save': def<SavedView>()(saveViewInput.extend({ module: z.literal('interventions') }).strict(), preference('interventions')),
  'views.delete': def<null>()(recordRef, preference('interventions')),
};
