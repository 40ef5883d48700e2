import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { createReadStream } from 'node:fs';
import { copyFile, lstat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { Readable } from 'node:stream';
import type { App } from '../app/open';
import { IPC_SAVE_FILE, IPC_UPLOAD } from '../../shared/api/bridge';
import { isInlineMime } from '../../shared/api/files';
import { ApiError, type ApiResult } from '../../shared/api/result';
import { allows } from '../../shared/domain/permissions';
import { attachmentFile, fileHeaders, uploadFromStream } from '../transport/file-routes';
import { isAppUrl } from './external-links';
import type { IpcServer } from './ipc';
import type { Me } from '../../shared/api/auth';

/*
 * Files in the desktop app, the same rules as browser mode's /files routes (file-routes.ts):
 * - upload: the preload hands over the path of the file the person chose (webUtils.getPathForFile);
 *   main checks it is a regular file and streams it from disk into the store, never whole in memory;
 * - download: a save dialog, then a copy from the store;
 * - previews: app://bundle/files/<id>?inline=1, answered by the app's own protocol.
 * Every request must come from the top frame of one of our windows, with a session and the right.
 */

export interface DesktopFiles {
  /** The answer of app://bundle/files/<id>[?inline=1]. */
  schemeResponse(url: URL): Promise<Response>;
  stop(): void;
}

const STATUS: Record<string, number> = { bad_request: 400, validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, too_large: 413 };

async function answer<T>(work: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.toBody() };
    console.error(e);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side; it was logged.' } };
  }
}

/** The file's bytes, the file opened on the first read (and closed when reading stops, also early). */
async function* readLazily(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path) as AsyncIterable<Uint8Array>;
}

export function serveFileIpc(app: App, ipc: IpcServer, isOurWindow: (wc: WebContents) => boolean): DesktopFiles {
  const trusted = (e: IpcMainInvokeEvent) =>
    isOurWindow(e.sender) && e.senderFrame !== null && e.senderFrame === e.sender.mainFrame && isAppUrl(e.senderFrame.url);

  const meOf = (e: IpcMainInvokeEvent): Me => {
    if (!trusted(e)) throw new ApiError('forbidden', 'Not from the application page.');
    const token = ipc.tokenOf(e.sender);
    const resumed = token ? app.sessions.resume(token) : null;
    if (!resumed) throw new ApiError('unauthenticated', 'Please log in.');
    return resumed.me;
  };

  ipcMain.handle(IPC_UPLOAD, (e, path: unknown, name: unknown, type: unknown) =>
    answer(async () => {
      const me = meOf(e);
      // A File made by script (not chosen by the person) has no path: nothing to read.
      if (typeof path !== 'string' || !path || path.length > 4096 || !isAbsolute(path)) {
        throw new ApiError('validation', 'Choose a file from the disk to attach.', [{ path: 'file', message: 'no path' }]);
      }
      const st = await lstat(path).catch(() => null);
      if (!st?.isFile()) throw new ApiError('validation', 'Only a regular file can be attached (not a folder, link or device).', [{ path: 'file', message: 'not a file' }]);
      return uploadFromStream(app, me, {
        name: typeof name === 'string' && name ? name : basename(path),
        type: typeof type === 'string' ? type : undefined,
        declaredSize: st.size,
        // Opened only when the store starts reading: a refusal before that (no right, too
        // large) must not leave a file descriptor open on the person's file.
        stream: readLazily(path),
      });
    }),
  );

  ipcMain.handle(IPC_SAVE_FILE, (e, attachmentId: unknown) =>
    answer(async () => {
      const me = meOf(e);
      const { row, path } = attachmentFile(app, me, typeof attachmentId === 'string' ? attachmentId : '');
      const win = BrowserWindow.fromWebContents(e.sender);
      const options = { defaultPath: row.fileName };
      const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return null;
      await copyFile(path, chosen.filePath);
      return chosen.filePath;
    }),
  );

  return {
    // The protocol does not say which window asks: the file is served when one of our windows
    // has a session that may read interventions (the desktop app is one person's).
    schemeResponse(url) {
      const me = ipc
        .tokens()
        .map((token) => app.sessions.resume(token)?.me ?? null)
        .find((m): m is Me => m !== null && allows(m.rights, 'interventions', 'read'));
      try {
        if (!me) throw new ApiError('unauthenticated', 'Please log in.');
        const inline = url.searchParams.get('inline') === '1';
        const { row, path } = attachmentFile(app, me, decodeURIComponent(url.pathname.slice('/files/'.length)));
        if (inline && !isInlineMime(row.mimeType)) throw new ApiError('bad_request', 'This kind of file is not shown in the app; download it instead.');
        const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
        return Promise.resolve(new Response(body, { status: 200, headers: fileHeaders(row, inline) }));
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError('bad_request', 'Not a file reference.');
        return Promise.resolve(
          new Response(JSON.stringify({ ok: false, error: error.toBody() }), {
            status: STATUS[error.code] ?? 400,
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
          }),
        );
      }
    },
    stop() {
      ipcMain.removeHandler(IPC_UPLOAD);
      ipcMain.removeHandler(IPC_SAVE_FILE);
    },
  };
}
