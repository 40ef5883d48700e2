import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { clockFrom } from '../core/clock';
import { openApp } from '../app/open';
import { defaultDataDir } from '../app/paths';
import { databaseAtStart } from '../app/workstation';
import { createDispatcher } from '../api/dispatcher';
import { startHost } from '../transport/http-host';
import { parseAppArgs } from '../app/options';
import { findBrowser } from './browser';
import { appVersion } from '../app/version';

/** Browser mode: the same app served to a local Chromium (or any browser) over HTTP + WebSocket. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseAppArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  const database = databaseAtStart(options.dbPath, dataDir, false);
  const { app, firstLogin } = openApp({
    dataDir,
    mode: 'browser',
    version: appVersion(),
    now: clockFrom(options.clock),
    ...(database === 'ask' ? {} : database),
  });
  app.start();
  if (options.clock) console.log(`The app's clock starts at ${options.clock} (--clock / CC_CLOCK).`);
  if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    console.warn(`Warning: listening on ${options.host}, beyond this machine. Anyone who can reach it sees the login page.`);
  }
  const host = await startHost({
    dispatcher: createDispatcher(app),
    rendererDir: join(__dirname, '../renderer'),
    host: options.host,
    port: options.port,
    publicHosts: options.publicHosts,
    connectSources: () => app.settings.get().telephonyServers,
  });
  console.log(`Database: ${app.identity.dbPath}${app.identity.demo ? ' (demo)' : ''}`);
  if (firstLogin) console.log(`First start: log in as "${firstLogin.login}" with password "${firstLogin.password}" and change it.`);
  console.log(`Call Center is running at ${host.url}`);
  if (options.open) {
    const browser = findBrowser();
    if (browser) spawn(browser, [host.url], { stdio: 'ignore', detached: true }).unref();
  }
  const stop = () => {
    void host.close().then(() => app.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
