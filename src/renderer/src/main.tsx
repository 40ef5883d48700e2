import './zod-jitless';
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { getApiClient } from './api/client';
import { ApiProvider } from './api/context';
import { SlotsProvider } from './kit/slots';
import { slots } from './shell/slots';
import { App } from './shell/app';
import { theme } from './shell/theme';
import { createRendererI18n, initialLanguage } from './i18n/setup';
import { firstRunBridge } from './api/setup';
import { FirstRunScreen } from './features/setup/first-run-screen';

const i18n = createRendererI18n(initialLanguage());
// The desktop app's first start opens this page with ?setup=1 before any database is open.
const setup = firstRunBridge();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="bottom-right" limit={3} />
        {setup ? (
          <FirstRunScreen setup={setup} />
        ) : (
          <ApiProvider client={getApiClient()}>
            <SlotsProvider slots={slots}>
              <App />
            </SlotsProvider>
          </ApiProvider>
        )}
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
