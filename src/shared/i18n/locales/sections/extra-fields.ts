import type { Catalogue } from '../en';

// Extra fields of a request type, as the intervention form shows them.
// One file per feature so that each owner edits only its own strings; en is the reference.

export const extraFieldsEn = {
  title: 'Extra fields',
} as const;

export const extraFieldsRo: Catalogue<'one' | 'few' | 'other'>['extraFields'] = {
  title: 'Câmpuri suplimentare',
};

export const extraFieldsPtBR: Catalogue<'one' | 'many' | 'other'>['extraFields'] = {
  title: 'Campos adicionais',
};

export const extraFieldsCa: Catalogue<'one' | 'many' | 'other'>['extraFields'] = {
  title: 'Camps addicionals',
};
