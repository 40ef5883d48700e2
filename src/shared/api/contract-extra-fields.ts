// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the section starts empty; its owner adds methods with def()
import { def } from './def';

/** Per-request-type extra fields as the intervention form reads them. */
export const extraFieldsMethods = {};
