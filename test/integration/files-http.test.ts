import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatcher } from '../../src/main/api/dispatcher';
import { startHost, type RunningHost } from '../../src/main/transport/http-host';
import type { UploadedFile } from '../../src/shared/api/files';
import { demoApp, type DemoApp } from '../support/demo-app';
import { createIntervention } from '../../src/main/interventions/commands';
import { SYSTEM } from '../../src/main/core/context';

/*
 * POST /files and GET /files/<id> against the real browser-mode host: byte-identical round
 * trips, streaming refusals over the limit that leave nothing behind, and the session, origin
 * and rights checks.
 */

let d: DemoApp;
let host: RunningHost;
let dispatcher: Dispatcher;
let origin: string;
const cookies: Record<string, string> = {};
const MiB = 1024 * 1024;
const DEFAULT_LIMIT = 25 * MiB;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function http(method: string, path: string, headers: Record<string, string | number> = {}, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (r: Reply) => JSON.parse(r.body.toString('utf8')) as { ok: boolean; value?: UploadedFile; error?: { code: string; message: string } };

async function logIn(login: string): Promise<string> {
  const r = await http('POST', '/auth/login', { origin, 'content-type': 'application/json' }, JSON.stringify({ login, password: 'demo' }));
  expect(r.status, login).toBe(200);
  const set = r.headers['set-cookie'];
  return (Array.isArray(set) ? set[0] : '')!.split(';')[0]!;
}

function upload(bytes: Buffer, name: string, type = 'application/octet-stream', as = 'admin', extra: Record<string, string> = {}): Promise<Reply> {
  return http('POST', '/files', { origin, cookie: cookies[as]!, 'content-type': type, 'x-file-name': encodeURIComponent(name), 'content-length': bytes.length, ...extra }, bytes);
}

async function uploaded(bytes: Buffer, name: string, type?: string): Promise<UploadedFile> {
  const r = await upload(bytes, name, type);
  expect(r.status, r.body.toString()).toBe(200);
  return json(r).value!;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const count = (sql: string, ...p: unknown[]) => d.app.ctx.raw.prepare(sql).pluck().get(...p) as number;
const incoming = () => join(d.app.filesDir, '.incoming');
const leftovers = () => (existsSync(incoming()) ? readdirSync(incoming()) : []);

/** Every stored file of the content store (two-letter folders), by name. */
function storedFiles(): string[] {
  return readdirSync(d.app.filesDir)
    .filter((f) => /^[0-9a-f]{2}$/.test(f))
    .flatMap((dir) => readdirSync(join(d.app.filesDir, dir)).map((f) => dir + f));
}

/**
 * Streams `total` bytes without a Content-Length (chunked), as a browser or a script might,
 * and resolves with the answer, which may come before the body is all sent.
 */
function streamUpload(total: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: '/files',
        headers: { host: `127.0.0.1:${host.port}`, origin, cookie: cookies.admin!, 'x-file-name': 'stream.bin', 'transfer-encoding': 'chunked' },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    // The server cuts the connection once it has refused: a write error after the answer is expected.
    req.on('error', (e) => !answered && reject(e));
    const chunk = randomBytes(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < total && !answered && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

beforeAll(async () => {
  d = demoApp(50);
  const rendererDir = join(d.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  dispatcher = createDispatcher(d.app);
  host = await startHost({ dispatcher, rendererDir, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
  for (const login of ['admin', 'auditor', 'technician']) cookies[login] = await logIn(login);
}, 60_000);
afterAll(async () => {
  await host.close();
  await d.dispose();
});
beforeEach(() => {
  d.app.settings.update({ attachmentMaxBytes: DEFAULT_LIMIT });
});

describe('upload and download', () => {
  it('stores a file and gives it back byte for byte, with a safe download header', async () => {
    const bytes = Buffer.from('Raport de intervenție\nLinia a doua\n', 'utf8');
    const file = await uploaded(bytes, 'raport ședință "final".txt', 'text/plain');
    expect(file).toMatchObject({ fileName: 'raport ședință _final_.txt', size: bytes.length, mimeType: 'text/plain', sha256: sha(bytes) });
    expect(count('SELECT COUNT(*) FROM attachments WHERE id = ?', file.id)).toBe(1);
    expect(count("SELECT COUNT(*) FROM outbox WHERE table_name = 'attachments' AND row_id = ?", file.id)).toBe(1);

    const r = await http('GET', `/files/${file.id}`, { cookie: cookies.admin! });
    expect(r.status).toBe(200);
    expect(r.body.equals(bytes)).toBe(true);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="raport _edin__ _final_.txt"; filename*=UTF-8''raport%20%C8%99edin%C8%9B%C4%83%20_final_.txt`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain('sandbox');
    expect(r.headers['content-length']).toBe(String(bytes.length));
  });

  it('round-trips a 20 MB file without changing a byte', async () => {
    const bytes = randomBytes(20 * MiB);
    const file = await uploaded(bytes, 'big.bin');
    expect(file.size).toBe(bytes.length);
    expect(file.sha256).toBe(sha(bytes));
    const r = await http('GET', `/files/${file.id}`, { cookie: cookies.admin! });
    expect(r.status).toBe(200);
    expect(sha(r.body)).toBe(sha(bytes));
    expect(leftovers()).toEqual([]);
  });

  it('stores the same bytes once (content-addressed), with one attachment row per upload', async () => {
    const bytes = randomBytes(50_000);
    const before = storedFiles().length;
    const a = await uploaded(bytes, 'first.bin');
    const b = await uploaded(bytes, 'second copy.bin');
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect(storedFiles().length).toBe(before + 1);
    expect(statSync(join(d.app.filesDir, a.sha256.slice(0, 2), a.sha256.slice(2))).size).toBe(bytes.length);
  });

  it('takes the type from the bytes, not from the name or the claimed type', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(100)]);
    const file = await uploaded(pdf, 'photo.jpg', 'image/jpeg');
    expect(file.mimeType).toBe('application/pdf');
  });
});

describe('the size limit', () => {
  it('refuses at once by Content-Length, naming the size and the limit; nothing is stored', async () => {
    d.app.settings.update({ attachmentMaxBytes: MiB });
    const rows = count('SELECT COUNT(*) FROM attachments');
    const files = storedFiles().length;
    // Only the headers are sent: the refusal must not wait for a body.
    const r = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/files',
          headers: { host: `127.0.0.1:${host.port}`, origin, cookie: cookies.admin!, 'x-file-name': 'huge.iso', 'content-length': 2 * 1024 ** 3 },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          });
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(r.status).toBe(413);
    expect(json(r).error).toEqual({ code: 'too_large', message: 'The file is 2.00 GiB; the limit is 1.0 MiB.' });
    expect(count('SELECT COUNT(*) FROM attachments')).toBe(rows);
    expect(storedFiles().length).toBe(files);
    expect(leftovers()).toEqual([]);
  });

  it('cuts a stream without Content-Length as soon as it passes the limit; no temp file is left', async () => {
    d.app.settings.update({ attachmentMaxBytes: MiB });
    const rows = count('SELECT COUNT(*) FROM attachments');
    const files = storedFiles().length;
    const r = await streamUpload(40 * MiB);
    expect(r.status).toBe(413);
    expect(json(r).error?.message).toBe('The file is more than 1.0 MiB; the limit is 1.0 MiB.');
    expect(count('SELECT COUNT(*) FROM attachments')).toBe(rows);
    expect(storedFiles().length).toBe(files);
    expect(leftovers()).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    d.app.settings.update({ attachmentMaxBytes: 64 * 1024 });
    const file = await uploaded(randomBytes(64 * 1024), 'exact.bin');
    expect(file.size).toBe(64 * 1024);
  });

  it('refuses an empty file and a file without a name', async () => {
    const empty = await upload(Buffer.alloc(0), 'empty.txt');
    expect(empty.status).toBe(400);
    expect(json(empty).error?.message).toBe('The file is empty.');
    const noName = await http('POST', '/files', { origin, cookie: cookies.admin!, 'content-length': 3 }, 'abc');
    expect(noName.status).toBe(400);
    expect(json(noName).error?.message).toContain('needs a name');
    const badName = await upload(Buffer.from('abc'), '', 'text/plain', 'admin', { 'x-file-name': '%E0%A4%A' });
    expect(badName.status).toBe(400);
    const dots = await upload(Buffer.from('abc'), '..');
    expect(dots.status).toBe(400);
    expect(leftovers()).toEqual([]);
  });
});

describe('who may', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await uploaded(Buffer.from('private notes'), 'notes.txt', 'text/plain')).id;
  });

  it('needs a session: 401 without the cookie, for upload and download', async () => {
    const up = await http('POST', '/files', { origin, 'x-file-name': 'a.txt', 'content-length': 1 }, 'a');
    expect(up.status).toBe(401);
    expect((await http('GET', `/files/${fileId}`)).status).toBe(401);
    expect((await http('GET', `/files/${fileId}`, { cookie: 'cc_session=forged-token-of-enough-length-000' })).status).toBe(401);
  });

  it('refuses an upload from another site (Origin) with 403', async () => {
    const r = await upload(Buffer.from('x'), 'x.txt', 'text/plain', 'admin', { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    const none = await http('POST', '/files', { cookie: cookies.admin!, 'x-file-name': 'x.txt', 'content-length': 1 }, 'x');
    expect(none.status).toBe(403);
  });

  it('lets the read-only auditor download an attached file but not upload', async () => {
    const rows = count('SELECT COUNT(*) FROM attachments');
    const r = await upload(Buffer.from('x'), 'x.txt', 'text/plain', 'auditor');
    expect(r.status).toBe(403);
    expect(json(r).error?.message).toContain('no right to change interventions');
    expect(count('SELECT COUNT(*) FROM attachments')).toBe(rows);
    const intervention = d.app.ctx.raw.prepare('SELECT id FROM interventions WHERE deleted_at IS NULL LIMIT 1').pluck().get() as string;
    const admin: Caller = { transport: 'http', token: null };
    expect((await dispatcher.call(admin, 'auth.login', { login: 'admin', password: 'demo' })).ok).toBe(true);
    expect((await dispatcher.call(admin, 'interventions.messages.add', { id: intervention, body: 'notes', attachmentId: fileId })).ok).toBe(true);
    const get = await http('GET', `/files/${fileId}`, { cookie: cookies.auditor! });
    expect(get.status).toBe(200);
    expect(get.body.toString()).toBe('private notes');
  });

  it('gives a file only to who may read what it is attached to: not another user’s loose upload, nor a deleted intervention’s', async () => {
    const loose = (await uploaded(Buffer.from('draft of admin'), 'draft.txt', 'text/plain')).id;
    expect((await http('GET', `/files/${loose}`, { cookie: cookies.admin! })).status).toBe(200); // its uploader, before attaching it
    expect((await http('GET', `/files/${loose}`, { cookie: cookies.technician! })).status).toBe(404);
    const attached = (await uploaded(Buffer.from('report of a deleted job'), 'report.txt', 'text/plain')).id;
    const admin: Caller = { transport: 'http', token: null };
    expect((await dispatcher.call(admin, 'auth.login', { login: 'admin', password: 'demo' })).ok).toBe(true);
    const clientId = d.app.ctx.raw.prepare('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get() as string;
    const row = createIntervention(d.app.ctx, SYSTEM, { docDate: '2026-11-20', clientId, notes: 'a draft to delete' });
    expect((await dispatcher.call(admin, 'interventions.messages.add', { id: row.id, body: 'report', attachmentId: attached })).ok).toBe(true);
    expect((await http('GET', `/files/${attached}`, { cookie: cookies.technician! })).status).toBe(200);
    const version = d.app.ctx.raw.prepare('SELECT version FROM interventions WHERE id = ?').pluck().get(row.id) as number;
    expect(await dispatcher.call(admin, 'interventions.delete', { id: row.id, version })).toMatchObject({ ok: true });
    const gone = await http('GET', `/files/${attached}`, { cookie: cookies.technician! });
    expect(gone.status).toBe(404);
    expect(json(gone).error?.code).toBe('not_found');
  });
});

describe('previews and bad references', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff8d4d8e0000000049454e44ae426082', 'hex');

  it('shows images and PDFs inline, images sandboxed', async () => {
    const image = await uploaded(png, 'dot.png', 'image/png');
    const r = await http('GET', `/files/${image.id}?inline=1`, { cookie: cookies.admin! });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['content-disposition']).toMatch(/^inline; /);
    expect(r.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(r.body.equals(png)).toBe(true);
    const pdf = await uploaded(Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64)]), 'doc.pdf', 'application/pdf');
    const p = await http('GET', `/files/${pdf.id}?inline=1`, { cookie: cookies.admin! });
    expect(p.status).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
    expect(p.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('never shows HTML or SVG inline (they could run scripts); they download, sandboxed', async () => {
    const html = await uploaded(Buffer.from('<script>alert(1)</script>'), 'page.html', 'text/html');
    const svg = await uploaded(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'pic.svg', 'image/svg+xml');
    for (const f of [html, svg]) {
      const r = await http('GET', `/files/${f.id}?inline=1`, { cookie: cookies.admin! });
      expect(r.status).toBe(400);
      expect(json(r).error?.message).toContain('download it instead');
      const dl = await http('GET', `/files/${f.id}`, { cookie: cookies.admin! });
      expect(dl.status).toBe(200);
      expect(dl.headers['content-disposition']).toMatch(/^attachment; /);
      expect(dl.headers['content-security-policy']).toMatch(/^sandbox/);
    }
  });

  it('answers garbage and traversal with 400 and unknown ids with 404', async () => {
    for (const path of ['/files/..%2F..%2Fdemo.sqlite', '/files/%E0%A4%A', '/files/not-an-id', "/files/1' OR '1'='1", '/files/' + 'a'.repeat(500)]) {
      const r = await http('GET', path.replace(/ /g, '%20'), { cookie: cookies.admin! });
      expect(r.status, path).toBe(400);
      expect(r.body.toString()).not.toContain('SQLite');
    }
    // A literal ../ is resolved by the URL parser before routing: it is the page, never the database.
    const dots = await http('GET', '/files/../demo.sqlite', { cookie: cookies.admin! });
    expect(dots.body.toString()).toContain('<title>app</title>');
    expect((await http('GET', '/files/not-an-id', { cookie: cookies.admin! })).status).toBe(400);
    expect((await http('GET', '/files/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', { cookie: cookies.admin! })).status).toBe(404);
    expect((await http('DELETE', '/files/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', { cookie: cookies.admin!, origin })).status).toBe(400);
  });
});
