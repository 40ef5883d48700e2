import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import type { App } from '../app/open';
import { attachments } from '../db/schema';
import { addAttachmentFromStream, type AttachmentRow } from '../files/attachments';
import { FileStore, tooLarge } from '../files/file-store';
import { ApiError, type ErrorCode } from '../../shared/api/result';
import { FILE_NAME_HEADER, isImageMime, isInlineMime, type UploadedFile } from '../../shared/api/files';
import { allows } from '../../shared/domain/permissions';
import { SESSION_COOKIE, readCookie } from './cookies';
import type { OriginPolicy } from './origin';
import type { Me } from '../../shared/api/auth';

/*
 * File transfer beside the JSON API (browser mode; the desktop app reuses the core functions):
 *   POST /files            the raw body is one file, streamed to disk while hashed, never held in memory
 *   GET  /files/<id>       downloads an attachment; ?inline=1 shows previewable images and PDFs
 * Same session cookie and rights as the API: writing interventions to upload, reading them to download.
 */

const stores = new WeakMap<App, FileStore>();

/** The app's content-addressed store (one per app, made on first use). */
export function fileStoreOf(app: App): FileStore {
  let store = stores.get(app);
  if (!store) stores.set(app, (store = new FileStore(app.filesDir)));
  return store;
}

/** Attachment ids are UUIDs: anything else is refused before touching the database. */
const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toUploaded(row: AttachmentRow): UploadedFile {
  return { id: row.id, fileName: row.fileName, size: row.size, mimeType: row.mimeType, sha256: row.sha256 };
}

/** Uploading needs the right to change interventions (files only ever join a thread or a register entry). */
export function checkUploadRight(me: Me): void {
  if (!allows(me.rights, 'interventions', 'write')) throw new ApiError('forbidden', 'You have no right to change interventions, so you cannot attach files.');
}

/**
 * Stores one uploaded file from a stream and creates its attachments row. A declared size over
 * the limit is refused before a byte is read; without one, the stream is cut as soon as it passes.
 */
export async function uploadFromStream(
  app: App,
  me: Me,
  file: { name: string; type: string | undefined; declaredSize: number | null; stream: AsyncIterable<Uint8Array> },
): Promise<UploadedFile> {
  checkUploadRight(me);
  const max = app.settings.get().attachmentMaxBytes;
  if (file.declaredSize !== null && file.declaredSize > max) throw tooLarge(file.declaredSize, max);
  const row = await addAttachmentFromStream(app.ctx, fileStoreOf(app), { userId: me.userId }, { name: file.name, stream: file.stream, claimedType: file.type }, max);
  return toUploaded(row);
}

/** The stored file of an attachment the caller may read, or a refusal (bad id 400, unknown 404). */
export function attachmentFile(app: App, me: Me, id: string): { row: AttachmentRow; path: string } {
  if (!ATTACHMENT_ID.test(id)) throw new ApiError('bad_request', 'Not a file reference.');
  if (!allows(me.rights, 'interventions', 'read')) throw new ApiError('forbidden', 'You have no right to see interventions.');
  const row = app.ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .get();
  if (!row) throw new ApiError('not_found', 'No such file.');
  const path = fileStoreOf(app).pathOf(row.sha256);
  if (!existsSync(path) || !statSync(path).isFile()) throw new ApiError('not_found', 'The file is missing from the store on this computer.');
  return { row, path };
}

/** RFC 6266/5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The headers of a file answer. A download is never rendered by the browser (attachment, nosniff,
 * sandboxed). Inline is only for the types the app previews: images stay sandboxed; a PDF cannot
 * be, because Chromium refuses to run its PDF viewer in a sandboxed document (crbug 413851), but
 * its type comes from its own bytes (%PDF-), so it is never rendered as anything but a PDF.
 */
export function fileHeaders(row: AttachmentRow, inline: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': row.mimeType,
    'Content-Length': String(row.size),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', row.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=300',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
  if (!inline) {
    headers['Content-Security-Policy'] = "sandbox; default-src 'none'";
  } else if (isImageMime(row.mimeType)) {
    headers['Content-Security-Policy'] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
    headers['X-Frame-Options'] = 'SAMEORIGIN';
  } else {
    headers['Content-Security-Policy'] = "frame-ancestors 'self'";
    headers['X-Frame-Options'] = 'SAMEORIGIN';
  }
  return headers;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
};

function sendError(res: ServerResponse, e: unknown, extra: Record<string, string> = {}): void {
  const error = e instanceof ApiError ? e : null;
  if (!error) console.error(e);
  const body = error ? error.toBody() : { code: 'internal', message: 'Something went wrong on our side; it was logged.' };
  if (res.headersSent) return void res.destroy();
  res.writeHead(error ? (STATUS[error.code] ?? 400) : 500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify({ ok: false, error: body }));
}

function sessionOf(app: App, req: IncomingMessage): Me {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const resumed = token ? app.sessions.resume(token) : null;
  if (!resumed) throw new ApiError('unauthenticated', 'Please log in.');
  return resumed.me;
}

function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new ApiError('bad_request', 'The Content-Length header is not a number.');
  return n;
}

function fileNameOf(req: IncomingMessage): string {
  const raw = req.headers[FILE_NAME_HEADER];
  if (typeof raw !== 'string' || !raw) throw new ApiError('validation', 'The file needs a name (X-File-Name header).', [{ path: 'name', message: 'required' }]);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError('validation', 'The file name is not correctly encoded.', [{ path: 'name', message: 'encoding' }]);
  }
}

async function upload(app: App, policy: OriginPolicy, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A refusal before the body is read closes the connection: the rest of a big body is never received.
  const refuse = (e: unknown) => {
    sendError(res, e, { Connection: 'close' });
    res.once('finish', () => req.destroy());
  };
  try {
    // A form on another site could post a file with the user's cookie: only our own page may.
    if (!policy.originAllowed(req.headers.origin)) throw new ApiError('forbidden', 'Forbidden origin.');
    const me = sessionOf(app, req);
    const value = await uploadFromStream(app, me, {
      name: fileNameOf(req),
      type: req.headers['content-type'],
      declaredSize: declaredLength(req),
      stream: req,
    });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ ok: true, value }));
  } catch (e) {
    if (req.destroyed && !(e instanceof ApiError)) return; // the sender went away; the temp file is already removed
    refuse(e);
  }
}

function download(app: App, req: IncomingMessage, res: ServerResponse, id: string, inline: boolean): void {
  try {
    const me = sessionOf(app, req);
    const { row, path } = attachmentFile(app, me, id);
    if (inline && !isInlineMime(row.mimeType)) throw new ApiError('bad_request', 'This kind of file is not shown in the app; download it instead.');
    res.writeHead(200, fileHeaders(row, inline));
    if (req.method === 'HEAD') return void res.end();
    // 1 MiB reads: with the default 64 KiB a large download spent most of its time in per-chunk
    // overhead (bench/files.ts measures it against a plain read of the same file).
    // pipeline, not pipe: when the browser goes away part way, the file is closed too (pipe
    // would leave it open, paused, for good); a read error still cuts the answer.
    pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), res, () => undefined);
  } catch (e) {
    sendError(res, e);
  }
}

/** Answers /files and /files/<id>; the caller has already checked the Host header. */
export async function handleFileRoute(app: App, policy: OriginPolicy, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  if (path === '/files' || path === '/files/') {
    if (req.method === 'POST') return upload(app, policy, req, res);
    return sendError(res, new ApiError('bad_request', 'Send the file with POST.'));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, new ApiError('bad_request', 'Method not allowed.'));
  let id: string;
  try {
    id = decodeURIComponent(path.slice('/files/'.length));
  } catch {
    return sendError(res, new ApiError('bad_request', 'Not a file reference.'));
  }
  download(app, req, res, id, url.searchParams.get('inline') === '1');
}
