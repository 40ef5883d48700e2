import 'i18next';
import type { en } from '../../../shared/i18n/catalogues';

// Typed keys: a `t('…')` with a key English lacks, or without its {{variables}}, fails tsc.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    strictKeyChecks: true;
    strictInterpolationChecks: true;
  }
}
