import { type Catalogue } from './en';
import { shellPtBR } from '../catalogue/shell';
import { authPtBR } from '../catalogue/auth';
import { gridPtBR } from '../catalogue/grid';
import { interventionsPtBR } from '../catalogue/interventions';
import { clientsPtBR } from '../catalogue/clients';
import { administrationPtBR } from '../catalogue/administration';
import { requestTypesPtBR } from '../catalogue/request-types';
import { threadPtBR } from '../catalogue/thread';

/** The pt-BR catalogue, assembled from the capabilities' catalogues (see en.ts). */
export const ptBR: Catalogue<'one' | 'many' | 'other'> = {
  ...shellPtBR,
  ...authPtBR,
  ...gridPtBR,
  ...interventionsPtBR,
  ...clientsPtBR,
  ...administrationPtBR,
  ...requestTypesPtBR,
  ...threadPtBR,
};
