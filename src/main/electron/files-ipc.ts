import { BrowserWindow, dialog, ipcMain, net, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { createReadStream } from 'node:fs';
import { copyFile, lstat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_SAVE_FILE, IPC_UPLOAD } from '../../shared/api/bridge';
import type { ApiErrorBody, ApiResult } from '../../shared/api/result';
import type { Caller, Dispatcher } from '../api/dispatcher';
import { isAppUrl } from './external-links';
import type { IpcServer } from './ipc';

/*
 * Files in the desktop app, through the same dispatcher guard as browser mode's routes:
 * - upload: the preload hands over the path of the file the person chose (webUtils.getPathForFile);
 *   it must be a regular file, streamed from disk into the store, never whole in memory;
 * - download: a save dialog, then a copy from the store;
 * - previews and finished exports: app://bundle/files/<id>?inline=1 and app://bundle/exports/<id>.
 * Every IPC request must come from the top frame of one of our windows.
 */

export interface DesktopFiles {
  /** The answer of app://bundle/files/<id>[?inline=1] and app://bundle/exports/<id>. */
  schemeResponse(url: URL): Promise<Response>;
  stop(): void;
}

const STATUS: Record<string, number> = { bad_request: 400, validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, too_large: 413, unknown_method: 404 };

const refusal = (error: ApiErrorBody): ApiResult<never> => ({ ok: false, error });

/** The file's bytes, the file opened on the first read (and closed when reading stops, also early). */
async function* readLazily(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path) as AsyncIterable<Uint8Array>;
}

export function serveFileIpc(dispatcher: Dispatcher, ipc: IpcServer, isOurWindow: (wc: WebContents) => boolean): DesktopFiles {
  const trusted = (e: IpcMainInvokeEvent) =>
    isOurWindow(e.sender) && e.senderFrame !== null && e.senderFrame === e.sender.mainFrame && isAppUrl(e.senderFrame.url);
  const notOurs = refusal({ code: 'forbidden', message: 'Not from the application page.' });

  ipcMain.handle(IPC_UPLOAD, async (e, path: unknown, name: unknown, type: unknown) => {
    if (!trusted(e)) return notOurs;
    const caller = ipc.callerOf(e.sender);
    // Nothing about the person's disk is looked at for a window that is not logged in.
    if (!dispatcher.session(caller.token)) return refusal({ code: 'unauthenticated', message: 'Please log in.' });
    // A File made by script (not chosen by the person) has no path: nothing to read.
    if (typeof path !== 'string' || !path || path.length > 4096 || !isAbsolute(path)) {
      return refusal({ code: 'validation', message: 'Choose a file from the disk to attach.', issues: [{ path: 'file', message: 'no path' }] });
    }
    const st = await lstat(path).catch(() => null);
    if (!st?.isFile()) {
      return refusal({ code: 'validation', message: 'Only a regular file can be attached (not a folder, link or device).', issues: [{ path: 'file', message: 'not a file' }] });
    }
    const params = { name: typeof name === 'string' && name ? name : basename(path), declaredSize: st.size, ...(typeof type === 'string' && type ? { type } : {}) };
    // Opened only when the store starts reading: a refusal before that (no right, too large)
    // must not leave a file descriptor open on the person's file.
    return dispatcher.upload(caller, 'files.upload', params, readLazily(path));
  });

  ipcMain.handle(IPC_SAVE_FILE, async (e, attachmentId: unknown) => {
    if (!trusted(e)) return notOurs;
    const result = await dispatcher.download(ipc.callerOf(e.sender), 'files.download', { id: attachmentId, inline: false });
    if (!result.ok) return result;
    const win = BrowserWindow.fromWebContents(e.sender);
    const options = { defaultPath: result.value.fileName };
    const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return { ok: true, value: null };
    await copyFile(result.value.path, chosen.filePath);
    return { ok: true, value: chosen.filePath };
  });

  /** The protocol does not say which window asks: the first of our windows with a session does (the desktop app is one person's). */
  const schemeCaller = (): Caller => ipc.callers().find((c) => dispatcher.session(c.token) !== null) ?? { transport: 'ipc', token: null };

  return {
    async schemeResponse(url) {
      const [, kind, rawId] = /^\/(files|exports)\/(.*)$/.exec(url.pathname) ?? [];
      let id: string;
      try {
        id = decodeURIComponent(rawId ?? '');
      } catch {
        id = '';
      }
      const result =
        kind === 'exports'
          ? await dispatcher.download(schemeCaller(), 'exports.download', { id })
          : await dispatcher.download(schemeCaller(), 'files.download', { id, inline: url.searchParams.get('inline') === '1' });
      if (!result.ok) {
        return new Response(JSON.stringify(result), { status: STATUS[result.error.code] ?? 500, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      }
      const body = await net.fetch(pathToFileURL(result.value.path).toString());
      // The file is open now; an export is removed a minute after this (exports/exports.ts), long after the copy.
      result.value.sent?.();
      return new Response(body.body, { status: 200, headers: result.value.headers });
    },
    stop() {
      ipcMain.removeHandler(IPC_UPLOAD);
      ipcMain.removeHandler(IPC_SAVE_FILE);
    },
  };
}
