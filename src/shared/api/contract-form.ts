// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the section starts empty; its owner adds methods with def()
import { def } from './def';

/** What the intervention form needs beyond the lifecycle: products, client assets, series. */
export const formMethods = {};
