import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { createI18n } from '../../../shared/i18n';
import { LANGUAGES, isLanguage, type Language } from '../../../shared/i18n/languages';

const STORAGE_KEY = 'callcenter.language';

/** The renderer's i18next: React binding, and every missing key recorded for the tests. */
export function createRendererI18n(language: Language): i18n {
  const missing = (window.__missingI18nKeys ??= []);
  const instance = createI18n(language, {
    use: [initReactI18next],
    onMissingKey: (lng, key) => {
      missing.push(`${lng}:${key}`);
      console.warn(`Missing translation: ${lng}:${key}`);
    },
  });
  const reflect = (lng: string) => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.name');
  };
  reflect(instance.language);
  instance.on('languageChanged', reflect);
  return instance;
}

/** Before login: the language last used on this machine, else the browser's, else English. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be disabled; the browser's languages still tell.
  }
  return matchLanguage(navigator.languages ?? [navigator.language]);
}

/** 'pt' and 'pt-PT' map to 'pt-BR', 'ro-RO' to 'ro', 'ca-ES' to 'ca'. */
function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const exact = LANGUAGES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = tag.split('-')[0]?.toLowerCase();
    const partial = LANGUAGES.find((l) => l.split('-')[0]?.toLowerCase() === base);
    if (partial) return partial;
  }
  return 'en';
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered: the next login screen starts from the browser's language.
  }
}
