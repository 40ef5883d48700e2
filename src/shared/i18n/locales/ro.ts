import { type Catalogue } from './en';
import { shellRo } from '../catalogue/shell';
import { authRo } from '../catalogue/auth';
import { gridRo } from '../catalogue/grid';
import { interventionsRo } from '../catalogue/interventions';
import { clientsRo } from '../catalogue/clients';
import { administrationRo } from '../catalogue/administration';
import { requestTypesRo } from '../catalogue/request-types';
import { threadRo } from '../catalogue/thread';

/** The ro catalogue, assembled from the capabilities' catalogues (see en.ts). */
export const ro: Catalogue<'one' | 'few' | 'other'> = {
  ...shellRo,
  ...authRo,
  ...gridRo,
  ...interventionsRo,
  ...clientsRo,
  ...administrationRo,
  ...requestTypesRo,
  ...threadRo,
};
