import type { Catalogue } from '../en';

// Administration of request types, their extra fields and form templates.
// One file per feature so that each owner edits only its own strings; en is the reference.

export const adminTypesEn = {
  title: 'Request types',
} as const;

export const adminTypesRo: Catalogue<'one' | 'few' | 'other'>['adminTypes'] = {
  title: 'Tipuri de solicitări',
};

export const adminTypesPtBR: Catalogue<'one' | 'many' | 'other'>['adminTypes'] = {
  title: 'Tipos de solicitação',
};

export const adminTypesCa: Catalogue<'one' | 'many' | 'other'>['adminTypes'] = {
  title: 'Tipus de sol·licitud',
};
