import type { adminMethods } from '../../shared/api/contract-admin';
import type { Handlers } from './dispatcher';

/** The handlers of contract-admin.ts (one section, one owner). */
export const adminHandlers: Pick<Handlers, keyof typeof adminMethods> = {};
