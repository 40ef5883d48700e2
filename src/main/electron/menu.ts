import { app, Menu } from 'electron';
import { createI18n } from '../../shared/i18n';
import { isLanguage, type Language } from '../../shared/i18n/languages';
import { menuTemplate } from './menu-template';

/** The system's language when it is one of ours (the menu exists before anyone logs in), else English. */
function systemLanguage(): Language {
  const locale = app.getLocale();
  if (locale === 'pt-BR' || locale.startsWith('pt')) return 'pt-BR';
  const base = locale.split('-')[0] ?? 'en';
  return isLanguage(base) ? base : 'en';
}

export function installMenu(options: { dev: boolean; showShortcuts: () => void }): void {
  const i18n = createI18n(systemLanguage());
  const t = (key: string) => i18n.t(key);
  const template = menuTemplate({
    platform: process.platform,
    dev: options.dev,
    appName: app.getName(),
    showShortcuts: options.showShortcuts,
    labels: {
      file: t('desktop.menu.file'),
      edit: t('desktop.menu.edit'),
      view: t('desktop.menu.view'),
      window: t('desktop.menu.window'),
      help: t('desktop.menu.help'),
      shortcuts: t('desktop.menu.shortcuts'),
      quit: t('desktop.menu.quit'),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
