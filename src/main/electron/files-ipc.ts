import { BrowserWindow, dialog, ipcMain, net, type WebContents } from 'electron';
import { copyFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { IPC_SAVE_FILE, IPC_SAVE_PDF, IPC_SAVE_RECORDING, IPC_UPLOAD_ABORT, IPC_UPLOAD_BEGIN, IPC_UPLOAD_CHUNK, IPC_UPLOAD_END } from '../../shared/api/bridge';
import type { ApiErrorBody, ApiResult } from '../../shared/api/result';
import type { Caller, Dispatcher } from '../api/dispatcher';
import { fromOurPage, type IpcServer } from './ipc';
import { UploadStreams } from './upload-streams';
import { pdfFileName, schemeCallerOf } from './scheme-caller';

/*
 * Files in the desktop app, through the same dispatcher guard as browser mode's routes:
 * - upload: the page sends the file's bytes in chunks (upload-streams.ts); main opens no path
 *   the page names, so a compromised page cannot read the user's other files;
 * - download: a save dialog of main's own, then a copy from the store;
 * - previews and finished exports: app://bundle/files/<id>?inline=1 and app://bundle/exports/<id>;
 * - recorded calls to play: app://bundle/recordings/<id> (audited as a playback); to keep, a
 *   save dialog as for attachments (audited as a download);
 * - a printable page (quick report, evolution sheet) saved as PDF: webContents.printToPDF.
 * Every IPC request must come from the top frame of one of our windows.
 */

export interface DesktopFiles {
  /** The answer of app://bundle/files/<id>[?inline=1], app://bundle/exports/<id> and app://bundle/recordings/<id>. */
  schemeResponse(url: URL): Promise<Response>;
  stop(): void;
}

const STATUS: Record<string, number> = { bad_request: 400, validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, too_large: 413, unknown_method: 404 };

const refusal = (error: ApiErrorBody): ApiResult<never> => ({ ok: false, error });

const CHANNELS = [IPC_UPLOAD_BEGIN, IPC_UPLOAD_CHUNK, IPC_UPLOAD_END, IPC_UPLOAD_ABORT, IPC_SAVE_FILE, IPC_SAVE_RECORDING, IPC_SAVE_PDF];

export function serveFileIpc(dispatcher: Dispatcher, ipc: IpcServer, isOurWindow: (wc: WebContents) => boolean): DesktopFiles {
  const trusted = fromOurPage(isOurWindow);
  const notOurs = refusal({ code: 'forbidden', message: 'Not from the application page.' });
  const uploads = new UploadStreams(dispatcher);
  const watched = new Set<number>();
  /** A window that closes mid-upload takes its uploads with it (the store removes the partial file). */
  const owner = (wc: WebContents): number => {
    if (!watched.has(wc.id)) {
      const id = wc.id;
      watched.add(id);
      wc.once('destroyed', () => {
        watched.delete(id);
        uploads.dropOwner(id);
      });
    }
    return wc.id;
  };

  ipcMain.handle(IPC_UPLOAD_BEGIN, (e, meta: unknown) => (trusted(e) ? uploads.begin(owner(e.sender), ipc.callerOf(e.sender), meta) : notOurs));
  ipcMain.handle(IPC_UPLOAD_CHUNK, (e, id: unknown, bytes: unknown) => (trusted(e) ? uploads.chunk(owner(e.sender), id, bytes) : notOurs));
  ipcMain.handle(IPC_UPLOAD_END, (e, id: unknown) => (trusted(e) ? uploads.end(owner(e.sender), id) : notOurs));
  ipcMain.handle(IPC_UPLOAD_ABORT, (e, id: unknown) => {
    if (trusted(e) && typeof id === 'string') uploads.abort(owner(e.sender), id);
  });

  ipcMain.handle(IPC_SAVE_FILE, async (e, attachmentId: unknown) => {
    if (!trusted(e)) return notOurs;
    const result = await dispatcher.download(ipc.callerOf(e.sender), 'files.download', { id: attachmentId, inline: false });
    if (!result.ok) return result;
    const chosen = await saveDialog(e.sender, result.value.fileName, []);
    if (chosen === null) return { ok: true, value: null };
    await copyFile(result.value.path, chosen);
    return { ok: true, value: chosen };
  });

  // A recorded call to keep: main's dialog, main's copy; audited as a download before the dialog
  // (the right is checked then), as browser mode audits the request.
  ipcMain.handle(IPC_SAVE_RECORDING, async (e, recordingId: unknown) => {
    if (!trusted(e)) return notOurs;
    const result = await dispatcher.download(ipc.callerOf(e.sender), 'recordings.audio', { id: recordingId, save: true });
    if (!result.ok) return result;
    const chosen = await saveDialog(e.sender, result.value.fileName, [{ name: 'WebM audio', extensions: ['webm'] }]);
    if (chosen === null) return { ok: true, value: null };
    await copyFile(result.value.path, chosen);
    return { ok: true, value: chosen };
  });

  // The quick report and the evolution sheet are pages of ours: the window prints itself. Only a
  // logged-in window may, so a login page cannot be used to write files where the user picks.
  ipcMain.handle(IPC_SAVE_PDF, async (e, suggested: unknown) => {
    if (!trusted(e)) return notOurs;
    if (!dispatcher.session(ipc.callerOf(e.sender).token)) return refusal({ code: 'unauthenticated', message: 'Please log in.' });
    const chosen = await saveDialog(e.sender, pdfFileName(suggested), [{ name: 'PDF', extensions: ['pdf'] }]);
    if (chosen === null) return { ok: true, value: null };
    const pdf = await e.sender.printToPDF({ printBackground: true, pageSize: 'A4', generateDocumentOutline: true });
    await writeFile(chosen, pdf);
    return { ok: true, value: chosen };
  });

  const schemeCaller = (): Caller | ApiErrorBody => schemeCallerOf(ipc.callers(), (token) => dispatcher.session(token)?.me.userId ?? null);

  return {
    async schemeResponse(url) {
      const [, kind, rawId] = /^\/(files|exports|recordings)\/(.*)$/.exec(url.pathname) ?? [];
      let id: string;
      try {
        id = decodeURIComponent(rawId ?? '');
      } catch {
        id = '';
      }
      const caller = schemeCaller();
      // The same guard as browser mode's routes: exports.download checks the export is the caller's own.
      const result =
        'code' in caller
          ? refusal(caller)
          : kind === 'exports'
            ? await dispatcher.download(caller, 'exports.download', { id })
            : kind === 'recordings'
              ? await dispatcher.download(caller, 'recordings.audio', { id, save: false })
              : await dispatcher.download(caller, 'files.download', { id, inline: url.searchParams.get('inline') === '1' });
      if (!result.ok) {
        return new Response(JSON.stringify(result), { status: STATUS[result.error.code] ?? 500, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      }
      const body = await net.fetch(pathToFileURL(result.value.path).toString());
      // The file is open now; an export is removed a minute after this (exports/exports.ts), long after the copy.
      result.value.sent?.();
      return new Response(body.body, { status: 200, headers: result.value.headers });
    },
    stop() {
      for (const channel of CHANNELS) ipcMain.removeHandler(channel);
    },
  };
}

/** A save dialog of main's own, attached to the asking window; null when the user cancels. */
async function saveDialog(wc: WebContents, defaultPath: string, filters: Electron.FileFilter[]): Promise<string | null> {
  const win = BrowserWindow.fromWebContents(wc);
  const options = { defaultPath, filters };
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}
