import type { extraFieldsMethods } from '../../shared/api/contract-extra-fields';
import type { Handlers } from './dispatcher';

/** The handlers of contract-extra-fields.ts (one section, one owner). */
export const extraFieldsHandlers: Pick<Handlers, keyof typeof extraFieldsMethods> = {};
