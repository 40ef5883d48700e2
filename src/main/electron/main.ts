import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { clockFrom } from '../core/clock';
import { openApp, type App } from '../app/open';
import { appVersion } from '../app/version';
import { createDispatcher } from '../api/dispatcher';
import { serveIpc } from './ipc';
import { serveFileIpc, type DesktopFiles } from './files-ipc';
import { APP_ORIGIN } from './external-links';
import { hardenApp, lockPermissions, registerAppScheme, secureWebPreferences, serveAppScheme, setFormWindowOpener } from './security';

/*
 * The desktop shell, kept thin: everything it does beyond windows and security is the same
 * code browser mode runs (openApp, the dispatcher, the services).
 */
registerAppScheme();
hardenApp();

const windows = new Set<BrowserWindow>();
let opened: App | null = null;

/** Every window of ours: the same secure preferences; each one is trusted by the IPC check while it lives. */
function createWindow(page = `${APP_ORIGIN}/index.html`, size = { width: 1440, height: 900 }): BrowserWindow {
  const win = new BrowserWindow({
    ...size,
    minWidth: 960,
    minHeight: 600,
    title: 'Call Center',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload')),
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(page);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  lockPermissions();
  const dbPath = process.env.CC_DB;
  let result;
  try {
    result = openApp({
      dataDir: process.env.CC_DATA_DIR ?? app.getPath('userData'),
      mode: 'desktop',
      version: appVersion(),
      now: clockFrom(process.env.CC_CLOCK),
      ...(dbPath ? { dbPath } : {}),
    });
  } catch (e) {
    dialog.showErrorBox('Call Center cannot open its database', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  opened = result.app;
  opened.start();
  let files: DesktopFiles | null = null;
  serveAppScheme(join(__dirname, '../renderer'), (url) => (files ? files.schemeResponse(url) : Promise.resolve(new Response('Starting', { status: 503 }))));
  if (result.firstLogin) {
    void dialog.showMessageBox({
      type: 'info',
      message: 'First start',
      detail: `Log in as "${result.firstLogin.login}" with the password "${result.firstLogin.password}", then change it.`,
    });
  }
  const isOurWindow = (wc: Electron.WebContents) => [...windows].some((w) => !w.isDestroyed() && w.webContents === wc);
  const dispatcher = createDispatcher(opened);
  const ipc = serveIpc(dispatcher, isOurWindow);
  files = serveFileIpc(dispatcher, ipc, isOurWindow);
  // "Open in its own window" on the intervention form: a second window of ours on the same page,
  // continuing the opener's session. Only our own windows may ask (the id is checked in lockNavigation).
  setFormWindowOpener((opener, interventionId) => {
    if (!isOurWindow(opener)) return;
    const win = createWindow(`${APP_ORIGIN}/index.html?intervention=${encodeURIComponent(interventionId)}`, { width: 1200, height: 860 });
    ipc.shareSession(opener, win.webContents);
  });
  createWindow();
  app.on('activate', () => {
    if (windows.size === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void opened?.close();
});

// One instance per user: a second start focuses the running window instead of opening the database twice.
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
  void start();
}
