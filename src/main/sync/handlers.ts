import type { syncMethods } from '../../shared/api/sync';
import type { HandlerMap } from '../core/handler';
import type { SyncService } from './sync-service';

/** The handlers of shared/api/sync.ts. */
export const syncHandlers = (sync: SyncService): HandlerMap<keyof typeof syncMethods> => ({
  'sync.status': () => sync.status,
  'sync.now': () => sync.syncNow(),
  'sync.join': ({ url, login, password, discardLocal }) => sync.join(url, login, password, discardLocal),
  'sync.conflicts': ({ all }, { actor }) => sync.conflicts(actor.userId!, all),
  'sync.resolve': ({ id }, { actor }) => sync.resolveConflict(actor.userId!, id),
  'sync.workstations': (_input, { actor }) => sync.workstations(actor.userId!),
});
