import i18next, { type i18n, type InitOptions, type Module } from 'i18next';
import { LANGUAGES, type Language } from './languages';
import { ca, en, ptBR, ro } from './catalogues';

export type { Language } from './languages';

const NAMESPACE = 'translation';

/** Every catalogue in i18next's resource layout: language → namespace → nested keys. */
export const resources = {
  en: { translation: en },
  ro: { translation: ro },
  'pt-BR': { translation: ptBR },
  ca: { translation: ca },
} satisfies Record<Language, { translation: object }>;

export interface CreateI18nOptions {
  /** Plugins to register before init, e.g. react-i18next's `initReactI18next` in the renderer. */
  use?: Module[];
  /** Told about every key `t()` could not find in the language or its fallback. */
  onMissingKey?: (language: string, key: string) => void;
}

/**
 * A fresh i18next instance with every catalogue loaded, ready when this returns (resources are
 * bundled, so init is synchronous). Works in main and renderer alike. Values are not
 * HTML-escaped: React escapes what it renders; code that writes HTML must escape on its own.
 */
export function createI18n(language: Language, options: CreateI18nOptions = {}): i18n {
  const instance = i18next.createInstance();
  for (const plugin of options.use ?? []) instance.use(plugin);
  const { onMissingKey } = options;
  const init: InitOptions = {
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // 'pt-BR' stands alone: never look for a plain 'pt'.
    load: 'currentOnly',
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    initAsync: false,
    returnNull: false,
    returnEmptyString: false,
    interpolation: { escapeValue: false },
    saveMissing: onMissingKey !== undefined,
    saveMissingTo: 'current',
    ...(onMissingKey
      ? {
          missingKeyHandler: (lngs: readonly string[], _ns: string, key: string) => {
            for (const lng of lngs) onMissingKey(lng, key);
          },
        }
      : {}),
  };
  void instance.init(init);
  return instance;
}
