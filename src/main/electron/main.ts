import { app, BrowserWindow, dialog } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clockFrom } from '../core/clock';
import { openApp, type App } from '../app/open';
import { appVersion } from '../app/version';
import { parseAppArgs, type AppCliOptions } from '../app/options';
import { defaultDataDir } from '../app/paths';
import { dropDevOnlyVariables } from '../app/dev-env';
import { databaseAtStart, rememberWorkstation } from '../app/workstation';
import { createDispatcher } from '../api/dispatcher';
import { serveIpc, type IpcServer } from './ipc';
import { serveFileIpc, type DesktopFiles } from './files-ipc';
import { serveSetupIpc, type SetupChoice } from './setup-ipc';
import { APP_ORIGIN } from './external-links';
import { keyringBox } from './secrets';
import { fileKeyBox } from '../core/secrets';
import { hardenApp, lockPermissions, registerAppScheme, secureWebPreferences, serveAppScheme, setOwnWindowOpener } from './security';
import { installMenu } from './menu';

/*
 * The desktop shell, kept thin: everything it does beyond windows and security is the same
 * code browser mode runs (the option parser, the data folder, openApp, the dispatcher).
 */
registerAppScheme();
hardenApp();
// A packaged app never honours the development-only variables (another SQLite driver, other SQL).
if (app.isPackaged) dropDevOnlyVariables(process.env);

/** `electron .` in a checkout has the app's path before our options; a packaged app has only the executable. */
const argv = process.argv.slice(process.defaultApp ? 2 : 1);
let cli: AppCliOptions;
try {
  // Lenient: Chromium's own switches (--enable-logging, --ozone-platform=…) may be there too.
  cli = parseAppArgs(argv, process.env, true);
} catch (e) {
  dialog.showErrorBox('Call Center: wrong option', e instanceof Error ? e.message : String(e));
  app.exit(2);
  throw e;
}
const dataDir = cli.dataDir ?? defaultDataDir();
mkdirSync(dataDir, { recursive: true });
// Chromium's own profile (cookies, caches, window state) lives in our data folder too, so the
// documented folder is the whole of what the app keeps (and, on Windows, in local AppData).
app.setPath('userData', join(dataDir, 'desktop-profile'));
const dev = !app.isPackaged;

const windows = new Set<BrowserWindow>();
let opened: App | null = null;
let ipc: IpcServer | null = null;
let files: DesktopFiles | null = null;

/** A line in <data folder>/desktop.log: what the user can send when something went wrong. */
function log(line: string): void {
  const stamped = `${new Date().toISOString()} ${line}`;
  console.error(stamped);
  try {
    appendFileSync(join(dataDir, 'desktop.log'), `${stamped}\n`);
  } catch {
    // The console line is all there is.
  }
}

/**
 * A page that fails to load would leave an invisible window (shown on ready-to-show only) and the
 * error swallowed: show the window, say what failed and where it is logged, offer to retry.
 */
function reportLoadFailure(win: BrowserWindow, what: string): void {
  log(what);
  if (win.isDestroyed()) return;
  win.show();
  void dialog
    .showMessageBox(win, {
      type: 'error',
      message: 'Call Center could not show its window',
      detail: `${what}\n\nThe details are in ${join(dataDir, 'desktop.log')}.`,
      buttons: ['Try again', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    })
    .then(({ response }) => (response === 0 && !win.isDestroyed() ? win.webContents.reload() : app.quit()));
}

/** Every window of ours: the same secure preferences; each one is trusted by the IPC check while it lives. */
function createWindow(page = `${APP_ORIGIN}/index.html`, size = { width: 1440, height: 900 }): BrowserWindow {
  const win = new BrowserWindow({
    ...size,
    minWidth: 960,
    minHeight: 600,
    title: 'Call Center',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload'), dev),
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  const wc = win.webContents;
  wc.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a load replaced by another one, not a failure.
    if (isMainFrame && code !== -3) reportLoadFailure(win, `Loading ${url} failed: ${description} (${code}).`);
  });
  wc.on('preload-error', (_e, path, error) => reportLoadFailure(win, `The preload ${path} failed: ${error.message}`));
  wc.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit') reportLoadFailure(win, `The window's page stopped (${details.reason}, exit code ${details.exitCode}).`);
  });
  win.loadURL(page).catch((e: unknown) => reportLoadFailure(win, `Loading ${page} failed: ${e instanceof Error ? e.message : String(e)}`));
  return win;
}

const isOurWindow = (wc: Electron.WebContents) => [...windows].some((w) => !w.isDestroyed() && w.webContents === wc);

/** Opens the app on a database and serves it to the windows: at start, or once the first-run screen chose. */
function openOn(choice: SetupChoice): void {
  const result = openApp({
    dataDir,
    mode: 'desktop',
    version: appVersion(),
    now: clockFrom(cli.clock),
    log,
    ...(choice.dbPath ? { dbPath: choice.dbPath } : {}),
    ...(choice.adminPassword ? { adminPassword: choice.adminPassword } : {}),
    secrets: keyringBox(fileKeyBox(dataDir)),
  });
  opened = result.app;
  opened.start();
  const dispatcher = createDispatcher(opened);
  ipc = serveIpc(dispatcher, isOurWindow);
  files = serveFileIpc(dispatcher, ipc, isOurWindow);
  // Told only when this start made the administrator with a random password (a new file named by --db).
  if (result.firstLogin && !choice.adminPassword) {
    void dialog.showMessageBox({
      type: 'info',
      message: 'First start',
      detail: `Log in as "${result.firstLogin.login}" with the password "${result.firstLogin.password}", then change it.`,
    });
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  lockPermissions();
  installMenu({ dev, showShortcuts: () => BrowserWindow.getFocusedWindow()?.webContents.sendInputEvent({ type: 'keyDown', keyCode: 'F1' }) });
  serveAppScheme(
    join(__dirname, '../renderer'),
    (url) => (files ? files.schemeResponse(url) : Promise.resolve(new Response('Starting', { status: 503 }))),
    // The softphone's SIP servers, as an administrator allowed them (shared/api/settings.ts).
    () => opened?.settings.get().telephonyServers ?? [],
  );
  // Our own pages in windows of ours (the form, the evolution sheet, the quick report), continuing the opener's session.
  setOwnWindowOpener((opener, target) => {
    if (!isOurWindow(opener) || !ipc) return;
    const win = createWindow(target.page, target.kind === 'form' ? { width: 1200, height: 860 } : { width: 1100, height: 900 });
    ipc.shareSession(opener, win.webContents);
  });

  const database = databaseAtStart(cli.dbPath, dataDir, app.isPackaged);
  if (database === 'ask') {
    // First start of a packaged app: the first-run screen chooses (shared/api/setup.ts).
    const setup = serveSetupIpc({
      dataDir,
      isOurWindow,
      open: async (choice) => {
        openOn(choice);
        rememberWorkstation(dataDir, choice.dbPath ? { database: 'file', path: choice.dbPath } : { database: 'demo' });
        setup.stop();
        for (const w of windows) await w.loadURL(`${APP_ORIGIN}/index.html`);
      },
    });
    createWindow(`${APP_ORIGIN}/index.html?setup=1`, { width: 1100, height: 760 });
  } else {
    try {
      openOn(database);
    } catch (e) {
      log(`Opening the database failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      dialog.showErrorBox('Call Center cannot open its database', e instanceof Error ? e.message : String(e));
      app.exit(1);
      return;
    }
    createWindow();
  }
  // macOS: clicking the dock icon with no window open; the first-run page while nothing is chosen yet.
  app.on('activate', () => {
    if (windows.size === 0) createWindow(opened ? undefined : `${APP_ORIGIN}/index.html?setup=1`);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close the database before the process ends: the read workers stop, the WAL is checkpointed into
// the file and removed. Electron does not wait for a promise in will-quit, so the quit is held
// (preventDefault) and finished with app.exit once the database is closed.
let closed = false;
app.on('will-quit', (event) => {
  if (closed || !opened) return;
  event.preventDefault();
  closed = true;
  ipc?.stop();
  files?.stop();
  opened
    .close()
    .catch((e: unknown) => log(`Closing the database failed: ${e instanceof Error ? e.message : String(e)}`))
    .finally(() => app.exit(0));
});

// One instance per data folder: a second start focuses the running window instead of opening the database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [first] = windows;
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });
  start().catch((e: unknown) => {
    log(`Start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    dialog.showErrorBox('Call Center could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}
