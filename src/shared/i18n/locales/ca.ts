import { type Catalogue } from './en';
import { shellCa } from '../catalogue/shell';
import { authCa } from '../catalogue/auth';
import { gridCa } from '../catalogue/grid';
import { interventionsCa } from '../catalogue/interventions';
import { clientsCa } from '../catalogue/clients';
import { administrationCa } from '../catalogue/administration';
import { requestTypesCa } from '../catalogue/request-types';
import { threadCa } from '../catalogue/thread';

/** The ca catalogue, assembled from the capabilities' catalogues (see en.ts). */
export const ca: Catalogue<'one' | 'many' | 'other'> = {
  ...shellCa,
  ...authCa,
  ...gridCa,
  ...interventionsCa,
  ...clientsCa,
  ...administrationCa,
  ...requestTypesCa,
  ...threadCa,
};
