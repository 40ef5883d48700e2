import type { filesStreams } from '../../shared/api/files';
import { user, type StreamHandlerMap } from '../core/handler';
import type { SettingsService } from '../settings/settings';
import { attachmentDownload, storeUpload } from './access';
import type { FileStore } from './file-store';

/** The transfers of shared/api/files.ts; the content-addressed store is the state files keep. */
export const filesStreamHandlers = (store: FileStore, settings: SettingsService): StreamHandlerMap<keyof typeof filesStreams> => ({
  'files.upload': (params, body, { ctx, actor }) => storeUpload(ctx, store, actor, settings.get().attachmentMaxBytes, { ...params, stream: body }),
  'files.download': ({ id, inline }, { ctx, me }) => attachmentDownload(ctx, store, user(me).userId, id, inline),
});
