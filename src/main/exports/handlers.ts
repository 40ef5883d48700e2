import type { exportsMethods, exportsStreams } from '../../shared/api/exports';
import { ApiError } from '../../shared/api/result';
import { user, viewer, type HandlerMap, type StreamHandlerMap } from '../core/handler';
import type { ExportService } from './exports';

/** The handlers of shared/api/exports.ts. */
export const exportsHandlers = (exports: ExportService): HandlerMap<keyof typeof exportsMethods> => ({
  'interventions.export': (input, { me }) => exports.launch(input, viewer(me)),
});

/** The transfers of shared/api/exports.ts: a finished file, for the user who started the export. */
export const exportsStreamHandlers = (exports: ExportService): StreamHandlerMap<keyof typeof exportsStreams> => ({
  'exports.download': ({ id }, { me }) => {
    const found = exports.download(id, user(me).userId);
    if (!found) throw new ApiError('not_found', 'No such export (it may have expired).');
    return found;
  },
});
