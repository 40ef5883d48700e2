import type { threadMethods } from '../../shared/api/contract-thread';
import type { Handlers } from './dispatcher';

/** The handlers of contract-thread.ts (one section, one owner). */
export const threadHandlers: Pick<Handlers, keyof typeof threadMethods> = {};
