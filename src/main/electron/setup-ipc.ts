import { randomUUID } from 'node:crypto';
import { BrowserWindow, dialog, ipcMain, type WebContents } from 'electron';
import { IPC_SETUP, SETUP_ACTIONS, type PickedFile, type SetupResult } from '../../shared/api/setup';
import { checkAdminPassword, existingDatabasePath, newDatabasePath, setupStatus, SetupError } from '../app/workstation';
import { fromOurPage } from './ipc';

/*
 * The first-run screen's side in main (shared/api/setup.ts): before any database is open, the
 * page may only ask for these. A file is picked in main's own dialog and named afterwards by a
 * token, so the page never hands main a path to open. `open` opens the app on the choice and
 * throws a readable Error when it cannot (a newer schema, a locked file …).
 */
export interface SetupChoice {
  dbPath?: string;
  adminPassword?: string;
}

export function serveSetupIpc(options: {
  dataDir: string;
  isOurWindow: (wc: WebContents) => boolean;
  open: (choice: SetupChoice) => Promise<void>;
}): { stop: () => void } {
  const trusted = fromOurPage(options.isOurWindow);
  const picked = new Map<string, { path: string; kind: 'new' | 'existing' }>();
  let busy = false;

  const fail = (e: unknown): SetupResult<never> =>
    e instanceof SetupError
      ? { ok: false, error: { code: 'validation', message: e.message }, reason: e.reason, ...(e.path ? { path: e.path } : {}) }
      : { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };

  /** One choice at a time: a double click must not open two databases. */
  const opening = async (choice: SetupChoice): Promise<SetupResult<null>> => {
    if (busy) return { ok: false, error: { code: 'forbidden', message: 'A database is already being opened.' }, reason: 'busy' };
    busy = true;
    try {
      await options.open(choice);
      return { ok: true, value: null };
    } catch (e) {
      return fail(e);
    } finally {
      busy = false;
    }
  };

  const pick = async (wc: WebContents, kind: 'new' | 'existing'): Promise<SetupResult<PickedFile | null>> => {
    const win = BrowserWindow.fromWebContents(wc);
    const filters = [{ name: 'Call Center database', extensions: ['sqlite', 'db'] }];
    let path: string | undefined;
    if (kind === 'new') {
      const r = win ? await dialog.showSaveDialog(win, { filters, defaultPath: 'callcenter.sqlite' }) : await dialog.showSaveDialog({ filters });
      path = r.canceled ? undefined : r.filePath;
    } else {
      const o = { filters, properties: ['openFile'] as const } as Electron.OpenDialogOptions;
      const r = win ? await dialog.showOpenDialog(win, o) : await dialog.showOpenDialog(o);
      path = r.canceled ? undefined : r.filePaths[0];
    }
    if (!path) return { ok: true, value: null };
    try {
      const checked = kind === 'new' ? newDatabasePath(path) : existingDatabasePath(path);
      const token = randomUUID();
      picked.clear();
      picked.set(token, { path: checked, kind });
      return { ok: true, value: { token, path: checked } };
    } catch (e) {
      return fail(e);
    }
  };

  const take = (token: unknown, kind: 'new' | 'existing') => {
    const p = typeof token === 'string' ? picked.get(token) : undefined;
    return p && p.kind === kind ? p.path : null;
  };
  const notPicked: SetupResult<never> = { ok: false, error: { code: 'validation', message: 'Choose the file first.' }, reason: 'notPicked' };

  ipcMain.handle(IPC_SETUP, async (e, action: unknown, a: unknown, b: unknown): Promise<unknown> => {
    if (!trusted(e) || !SETUP_ACTIONS.includes(action as (typeof SETUP_ACTIONS)[number])) {
      return { ok: false, error: { code: 'forbidden', message: 'Not from the application page.' } };
    }
    switch (action as (typeof SETUP_ACTIONS)[number]) {
      case 'status':
        return setupStatus(options.dataDir);
      case 'openDemo':
        return opening({});
      case 'pickNew':
        return pick(e.sender, 'new');
      case 'pickExisting':
        return pick(e.sender, 'existing');
      case 'create': {
        const path = take(a, 'new');
        if (!path) return notPicked;
        try {
          return await opening({ dbPath: newDatabasePath(path), adminPassword: checkAdminPassword(b) });
        } catch (err) {
          return fail(err);
        }
      }
      case 'open': {
        const path = take(a, 'existing');
        if (!path) return notPicked;
        try {
          return await opening({ dbPath: existingDatabasePath(path) });
        } catch (err) {
          return fail(err);
        }
      }
    }
  });
  return { stop: () => ipcMain.removeHandler(IPC_SETUP) };
}
