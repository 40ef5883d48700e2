import type { exportsMethods } from '../../shared/api/exports';
import { viewer, type HandlerMap } from '../core/handler';
import type { ExportService } from './exports';

/** The handlers of shared/api/exports.ts. */
export const exportsHandlers = (exports: ExportService): HandlerMap<keyof typeof exportsMethods> => ({
  'interventions.export': (input, { me }) => exports.start(input, viewer(me)),
});
