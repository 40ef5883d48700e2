import type { Catalogue } from '../en';

// The message thread, files, mentions, correspondence register, evolution sheet.
// One file per feature so that each owner edits only its own strings; en is the reference.

export const threadEn = {
  title: 'Messages',
} as const;

export const threadRo: Catalogue<'one' | 'few' | 'other'>['thread'] = {
  title: 'Mesaje',
};

export const threadPtBR: Catalogue<'one' | 'many' | 'other'>['thread'] = {
  title: 'Mensagens',
};

export const threadCa: Catalogue<'one' | 'many' | 'other'>['thread'] = {
  title: 'Missatges',
};
