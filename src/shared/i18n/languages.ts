export const LANGUAGES = ['en', 'ro', 'pt-BR', 'ca'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, as a language menu shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ro: 'Română',
  'pt-BR': 'Português (Brasil)',
  ca: 'Català',
};

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}
