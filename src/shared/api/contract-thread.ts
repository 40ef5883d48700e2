// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the section starts empty; its owner adds methods with def()
import { def } from './def';

/** The message thread: files, @mentions and the Mentions list, the correspondence register, the evolution sheet. */
export const threadMethods = {};
