import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Caller, type Dispatcher } from '../../src/main/api/dispatcher';
import { FileStore } from '../../src/main/files/file-store';
import { startHost } from '../../src/main/transport/http-host';
import { IPC_UPLOAD } from '../../src/shared/api/bridge';
import { isInlineMime } from '../../src/shared/api/files';
import type { ApiResult } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { UploadedFile } from '../../src/shared/api/files';

/*
 * Review of the file paths: a claimed type never earns an inline preview (only the bytes do);
 * neither a download the browser abandons nor a desktop upload refused before reading leaves a
 * file descriptor open.
 */

const openDescriptorsOn = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(join('/proc/self/fd', fd)) === path;
    } catch {
      return false;
    }
  }).length;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// files-ipc.ts imports electron, which is not run here: a stand-in that records the handlers.
const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  },
  BrowserWindow: { fromWebContents: () => null },
  dialog: {},
}));

let d: DemoApp;
let dispatcher: Dispatcher;
const tokens: Record<string, string> = {};
const callerOf = (login: string): Caller => ({ transport: 'http', token: tokens[login] ?? null });

/** Uploads through the dispatcher, as every transport does. */
async function uploadAs(login: string, file: { name: string; type?: string; declaredSize: number | null; stream: AsyncIterable<Uint8Array> }): Promise<UploadedFile> {
  const { stream, ...params } = file;
  const r = await dispatcher.upload(callerOf(login), 'files.upload', params, stream);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as UploadedFile;
}

async function downloadHeaders(login: string, id: string, inline: boolean): Promise<Record<string, string>> {
  const r = await dispatcher.download(callerOf(login), 'files.download', { id, inline });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.headers;
}

beforeAll(async () => {
  d = demoApp(50);
  dispatcher = createDispatcher(d.app, { log: (e) => console.error(e) });
  for (const login of ['operator', 'auditor']) {
    const caller: Caller = { transport: 'http', token: null };
    const r = await dispatcher.call(caller, 'auth.login', { login, password: 'demo' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    tokens[login] = caller.token!; // main keeps the token with the caller; the answer never carries it
  }
}, 60_000);
afterAll(() => d.dispose());

const bytes = (text: string) => Readable.from([new TextEncoder().encode(text)]);

describe('a claimed type', () => {
  it('never makes script-bearing bytes previewable inline (PDF or image claims)', async () => {
    for (const claimed of ['application/pdf', 'image/png', 'IMAGE/GIF']) {
      const file = await uploadAs('operator', {
        name: 'invoice.pdf',
        type: claimed,
        declaredSize: null,
        stream: bytes('<html><body><script>parent.alert(document.cookie)</script></body></html>'),
      });
      expect(isInlineMime(file.mimeType), claimed).toBe(false);
      // Downloaded only: sandboxed, never rendered as a document of our origin; and never inline.
      expect((await downloadHeaders('operator', file.id, false))['Content-Security-Policy']).toContain('sandbox');
      expect(await dispatcher.download(callerOf('operator'), 'files.download', { id: file.id, inline: true })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('still labels downloads of other kinds, and real PDFs still preview', async () => {
    const text = await uploadAs('operator', { name: 'notes.txt', type: 'text/plain', declaredSize: null, stream: bytes('plain notes') });
    expect(text.mimeType).toBe('text/plain');
    const pdf = await uploadAs('operator', { name: 'scan', type: 'application/octet-stream', declaredSize: null, stream: bytes('%PDF-1.4\n%real\n') });
    expect(pdf.mimeType).toBe('application/pdf');
  });
});

describe('temporary upload files', () => {
  it('left by an upload a crash cut short are removed when the store opens again; recent ones stay', () => {
    const root = join(d.dir, 'store-sweep');
    const incoming = join(root, '.incoming');
    mkdirSync(incoming, { recursive: true });
    const stale = join(incoming, 'abandoned.tmp');
    const fresh = join(incoming, 'under-way.tmp');
    writeFileSync(stale, randomBytes(1024));
    writeFileSync(fresh, randomBytes(1024));
    // Both times set from the process's clock, the one the sweep compares with (the file
    // system's own stamps follow the kernel's clock, which a shifted test clock does not move).
    const now = Date.now();
    const twoHoursAgo = new Date(now - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    utimesSync(fresh, new Date(now), new Date(now));
    new FileStore(root);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('browser-mode download (GET /files/<id>)', () => {
  it('closes the stored file when the browser goes away part way', async () => {
    const rendererDir = join(d.dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    const host = await startHost({ dispatcher: createDispatcher(d.app), rendererDir, port: 0 });
    try {
      // Bigger than the socket buffers, so the answer is still being streamed when the reader leaves.
      const file = await uploadAs('operator', { name: 'big.bin', type: undefined, declaredSize: null, stream: Readable.from(Array.from({ length: 16 }, () => randomBytes(1024 * 1024))) });
      const stored = d.app.files.pathOf(file.sha256);
      await new Promise<void>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: host.port, path: `/files/${file.id}`, headers: { host: `127.0.0.1:${host.port}`, cookie: `cc_session=${tokens.operator ?? ''}` } },
          (res) => {
            expect(res.statusCode).toBe(200);
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
        req.end();
      });
      await pause(300);
      expect(openDescriptorsOn(stored)).toBe(0);
    } finally {
      await host.close();
    }
  });
});

describe('desktop upload (files-ipc)', () => {
  it('leaves no descriptor open on the chosen file when the upload is refused before reading', async () => {
    const { serveFileIpc } = await import('../../src/main/electron/files-ipc');
    const frame = { url: 'app://bundle/index.html' };
    const sender = { id: 1, mainFrame: frame };
    const files = serveFileIpc(dispatcher, { callerOf: () => callerOf('auditor'), callers: () => [], stop: () => {}, shareSession: () => {} }, () => true);
    try {
      const path = join(d.dir, 'chosen-by-auditor.txt');
      writeFileSync(path, 'a file the auditor picked');
      const upload = ipcHandlers.get(IPC_UPLOAD);
      if (!upload) throw new Error('no upload handler');
      // The auditor may read interventions but not change them: refused before a byte is read.
      const r = (await upload({ sender, senderFrame: frame }, path, 'x.txt', 'text/plain')) as ApiResult<unknown>;
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
      // A read stream opens its file on the next tick: give it the chance to.
      await pause(50);
      expect(openDescriptorsOn(path)).toBe(0);
    } finally {
      files.stop();
    }
  });
});
