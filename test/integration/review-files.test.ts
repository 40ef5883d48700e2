import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Caller, type Dispatcher } from '../../src/main/api/dispatcher';
import { FileStore } from '../../src/main/files/file-store';
import { startHost } from '../../src/main/transport/http-host';
import { IPC_UPLOAD_BEGIN, IPC_UPLOAD_CHUNK, IPC_UPLOAD_END } from '../../src/shared/api/bridge';
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

describe('desktop upload (files-ipc, upload-streams)', () => {
  const attachments = () => (d.app.ctx.raw.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;
  const storedFiles = () => readdirSync(d.app.filesDir, { recursive: true }).length;
  const frame = { url: 'app://bundle/index.html' };
  const sender = { id: 7, mainFrame: frame, once: () => undefined };

  it('takes the bytes in chunks from our page, never a path, and stores them whole', async () => {
    const { serveFileIpc } = await import('../../src/main/electron/files-ipc');
    const files = serveFileIpc(dispatcher, { callerOf: () => callerOf('operator'), callers: () => [], stop: () => {}, shareSession: () => {} }, () => true);
    try {
      const call = (channel: string, ...args: unknown[]) => ipcHandlers.get(channel)!({ sender, senderFrame: frame }, ...args) as Promise<ApiResult<unknown>>;
      const content = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) % 251);
      const begun = (await call(IPC_UPLOAD_BEGIN, { name: 'pasted.png', type: 'image/png', size: content.byteLength })) as ApiResult<{ id: string }>;
      if (!begun.ok) throw new Error(JSON.stringify(begun.error));
      for (let at = 0; at < content.byteLength; at += 1024 * 1024) {
        expect(await call(IPC_UPLOAD_CHUNK, begun.value.id, content.slice(at, at + 1024 * 1024))).toEqual({ ok: true, value: null });
      }
      const done = (await call(IPC_UPLOAD_END, begun.value.id)) as ApiResult<UploadedFile>;
      if (!done.ok) throw new Error(JSON.stringify(done.error));
      expect(done.value).toMatchObject({ fileName: 'pasted.png', size: content.byteLength });
      const stored = await dispatcher.download(callerOf('operator'), 'files.download', { id: done.value.id, inline: false });
      if (!stored.ok) throw new Error(JSON.stringify(stored.error));
      expect(Buffer.compare(readFileSync(stored.value.path), Buffer.from(content))).toBe(0);

      // A frame inside our page (or any page not ours) gets nothing, whatever it sends.
      const iframe = { url: 'app://bundle/index.html' };
      expect(await ipcHandlers.get(IPC_UPLOAD_BEGIN)!({ sender, senderFrame: iframe }, { name: 'x', size: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      files.stop();
    }
  });

  it('refuses a user without the right at the first chunk, keeping nothing', async () => {
    const { serveFileIpc } = await import('../../src/main/electron/files-ipc');
    const files = serveFileIpc(dispatcher, { callerOf: () => callerOf('auditor'), callers: () => [], stop: () => {}, shareSession: () => {} }, () => true);
    try {
      const before = attachments();
      const call = (channel: string, ...args: unknown[]) => ipcHandlers.get(channel)!({ sender, senderFrame: frame }, ...args) as Promise<ApiResult<unknown>>;
      const begun = (await call(IPC_UPLOAD_BEGIN, { name: 'x.txt', size: 4 })) as ApiResult<{ id: string }>;
      if (!begun.ok) throw new Error('begin is answered before the guard runs');
      expect(await call(IPC_UPLOAD_CHUNK, begun.value.id, new TextEncoder().encode('data'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(IPC_UPLOAD_END, begun.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(attachments()).toBe(before);
    } finally {
      files.stop();
    }
  });

  it('answers every wrong sequence with a clear refusal and keeps nothing of it', async () => {
    const { UploadStreams } = await import('../../src/main/electron/upload-streams');
    const uploads = new UploadStreams(dispatcher, { idleMs: 60_000, perOwner: 2 });
    const op = callerOf('operator');
    const before = { rows: attachments(), files: storedFiles() };
    const open = (size: number, owner = 1) => {
      const r = uploads.begin(owner, op, { name: 'a.bin', size });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.id;
    };
    const four = new Uint8Array([1, 2, 3, 4]);

    expect(uploads.begin(1, op, { name: '', size: 3 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(uploads.begin(1, op, { name: 'a', size: -1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(uploads.begin(1, op, 'a path')).toMatchObject({ ok: false, error: { code: 'validation' } });

    // More bytes than announced.
    const over = open(3);
    expect(await uploads.chunk(1, over, four)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await uploads.end(1, over)).toMatchObject({ ok: false });
    // Fewer bytes than announced, then the end.
    const short = open(8);
    expect(await uploads.chunk(1, short, four)).toEqual({ ok: true, value: null });
    expect(await uploads.end(1, short)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Not bytes.
    const text = open(4);
    expect(await uploads.chunk(1, text, 'abcd')).toMatchObject({ ok: false, error: { code: 'validation' } });
    await uploads.end(1, text);
    // Another window's upload is not this window's to feed or end.
    const theirs = open(4, 2);
    expect(await uploads.chunk(1, theirs, four)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await uploads.end(1, theirs)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The window closes mid-upload.
    expect(await uploads.chunk(2, theirs, new Uint8Array([1, 2]))).toEqual({ ok: true, value: null });
    uploads.dropOwner(2);
    expect(await uploads.end(2, theirs)).toMatchObject({ ok: false });
    // Too many at once from one window.
    const a = open(4);
    const b = open(4);
    expect(uploads.begin(1, op, { name: 'c', size: 4 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Ended before their bytes: cut off, nothing kept (end waits for the store to clean up).
    expect(await uploads.end(1, a)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await uploads.end(1, b)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // A sender that stops: dropped after the idle time (its timer, set at begin, fires before
    // this wait ends whatever the machine's load: timers fire in the order they fall due).
    const idle = new UploadStreams(dispatcher, { idleMs: 20, perOwner: 2 });
    const begun = idle.begin(1, op, { name: 'slow.bin', size: 4 });
    if (!begun.ok) throw new Error(JSON.stringify(begun.error));
    await pause(100);
    expect(await idle.chunk(1, begun.value.id, four)).toMatchObject({ ok: false });
    expect(await idle.end(1, begun.value.id)).toMatchObject({ ok: false });

    expect(attachments()).toBe(before.rows);
    expect(storedFiles()).toBe(before.files);
  });
});
