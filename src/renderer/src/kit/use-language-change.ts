import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * How many times the UI language changed since the component mounted: an effect that depends on
 * it (and skips 0) fetches again what main names in the user's language (request types, group
 * labels, the history's names). The shell tells main the language before switching, so what
 * comes back is already in it.
 */
export function useLanguageChanges(): number {
  const { i18n } = useTranslation();
  const [seen, setSeen] = useState({ language: i18n.language, changes: 0 });
  if (seen.language !== i18n.language) {
    // Adjusted while rendering (React's pattern for state that follows a value), not in an effect.
    const next = { language: i18n.language, changes: seen.changes + 1 };
    setSeen(next);
    return next.changes;
  }
  return seen.changes;
}
