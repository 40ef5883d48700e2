import type { Catalogue } from './catalogue-shape';
import * as administration from './catalogue/administration';
import * as auth from './catalogue/auth';
import * as clients from './catalogue/clients';
import * as desktop from './catalogue/desktop';
import * as grid from './catalogue/grid';
import * as interventions from './catalogue/interventions';
import * as requestTypes from './catalogue/request-types';
import * as shell from './catalogue/shell';
import * as sync from './catalogue/sync';
import * as calls from './catalogue/calls';
import * as recordings from './catalogue/recordings';
import * as calendar from './catalogue/calendar';
import * as contracts from './catalogue/contracts';
import * as thread from './catalogue/thread';
import * as mail from './catalogue/mail';
import * as inbox from './catalogue/inbox';

// The one index of the capabilities' catalogues (src/shared/i18n/catalogue/<capability>.ts,
// the four languages side by side in each): a new capability adds its import and one spread
// per language here. English is the reference: its shape is the type every other language
// must have, so a missing or extra key is a type error.

export const en = {
  ...shell.en,
  ...auth.en,
  ...grid.en,
  ...interventions.en,
  ...clients.en,
  ...administration.en,
  ...requestTypes.en,
  ...thread.en,
  ...desktop.en,
  ...sync.en,
  ...calls.en,
  ...recordings.en,
  ...calendar.en,
  ...contracts.en,
  ...mail.en,
  ...inbox.en,
} as const;

export const ro: Catalogue<'one' | 'few' | 'other'> = {
  ...shell.ro,
  ...auth.ro,
  ...grid.ro,
  ...interventions.ro,
  ...clients.ro,
  ...administration.ro,
  ...requestTypes.ro,
  ...thread.ro,
  ...desktop.ro,
  ...sync.ro,
  ...calls.ro,
  ...recordings.ro,
  ...calendar.ro,
  ...contracts.ro,
  ...mail.ro,
  ...inbox.ro,
};

export const ptBR: Catalogue<'one' | 'many' | 'other'> = {
  ...shell.ptBR,
  ...auth.ptBR,
  ...grid.ptBR,
  ...interventions.ptBR,
  ...clients.ptBR,
  ...administration.ptBR,
  ...requestTypes.ptBR,
  ...thread.ptBR,
  ...desktop.ptBR,
  ...sync.ptBR,
  ...calls.ptBR,
  ...recordings.ptBR,
  ...calendar.ptBR,
  ...contracts.ptBR,
  ...mail.ptBR,
  ...inbox.ptBR,
};

export const ca: Catalogue<'one' | 'many' | 'other'> = {
  ...shell.ca,
  ...auth.ca,
  ...grid.ca,
  ...interventions.ca,
  ...clients.ca,
  ...administration.ca,
  ...requestTypes.ca,
  ...thread.ca,
  ...desktop.ca,
  ...sync.ca,
  ...calls.ca,
  ...recordings.ca,
  ...calendar.ca,
  ...contracts.ca,
  ...mail.ca,
  ...inbox.ca,
};
