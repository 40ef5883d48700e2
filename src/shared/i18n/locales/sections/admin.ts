import type { Catalogue } from '../en';

// Administration: series, working periods, personnel and teams, users and rights, settings.
// One file per feature so that each owner edits only its own strings; en is the reference.

export const adminEn = {
  title: 'Administration',
  tabs: {
    requestTypes: 'Request types',
    series: 'Document series',
    periods: 'Working periods',
    personnel: 'Personnel and teams',
    users: 'Users and rights',
    settings: 'Settings',
  },
} as const;

export const adminRo: Catalogue<'one' | 'few' | 'other'>['admin'] = {
  title: 'Administrare',
  tabs: {
    requestTypes: 'Tipuri de solicitări',
    series: 'Serii de documente',
    periods: 'Perioade de lucru',
    personnel: 'Personal și echipe',
    users: 'Utilizatori și drepturi',
    settings: 'Setări',
  },
};

export const adminPtBR: Catalogue<'one' | 'many' | 'other'>['admin'] = {
  title: 'Administração',
  tabs: {
    requestTypes: 'Tipos de solicitação',
    series: 'Séries de documentos',
    periods: 'Períodos de trabalho',
    personnel: 'Pessoal e equipes',
    users: 'Usuários e permissões',
    settings: 'Configurações',
  },
};

export const adminCa: Catalogue<'one' | 'many' | 'other'>['admin'] = {
  title: 'Administració',
  tabs: {
    requestTypes: 'Tipus de sol·licitud',
    series: 'Sèries de documents',
    periods: 'Períodes de treball',
    personnel: 'Personal i equips',
    users: 'Usuaris i permisos',
    settings: 'Configuració',
  },
};
