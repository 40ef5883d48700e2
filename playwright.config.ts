import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './test/e2e/support/chromium';
import { port } from './test/e2e/support/ports';
import { hostEnv } from './test/e2e/support/clock';


// Debian's Chromium, never a downloaded browser (our machines cannot download one).
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  // The host on 1,000,000 interventions starts in the background (support/big-host.ts).
  globalSetup: './test/e2e/support/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
  },
  webServer: [
    {
      command: `node test/e2e/support/start-host.mjs ${port}`,
      url: `http://127.0.0.1:${port}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      // Its clock (and its demo's) starts at the pinned instant, as the 1M host's (global-setup.ts).
      env: hostEnv(),
    },
  ],
});
