import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { FILE_NAME_HEADER } from '../../shared/api/files';
import type { ApiErrorBody, ErrorCode } from '../../shared/api/result';
import type { Caller, Dispatcher } from '../api/dispatcher';
import { SESSION_COOKIE, readCookie } from './cookies';
import type { OriginPolicy } from './origin';

/*
 * Transfers beside the JSON API in browser mode, HTTP's side only (who may, and what the file
 * holds, is the dispatcher's and the capability's: the same for IPC and the desktop scheme):
 *   POST /files            the raw body is one file, streamed to disk while hashed, never held in memory
 *   GET  /files/<id>       downloads an attachment; ?inline=1 shows previewable images and PDFs
 *   GET  /exports/<id>     a finished export, for the user who started it
 *   GET  /recordings/<id>  a recorded call to play (?download=1 to save it); each audited
 */

const STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  unknown_method: 404,
};

function sendError(res: ServerResponse, error: ApiErrorBody, extra: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(STATUS[error.code] ?? (error.code === 'internal' ? 500 : 400), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify({ ok: false, error }));
}

const callerOf = (req: IncomingMessage): Caller => ({ transport: 'http', token: readCookie(req.headers.cookie, SESSION_COOKIE) });

/** The announced size: absent is null (chunked); anything but a whole number is refused. */
function declaredLength(req: IncomingMessage): number | null | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function fileNameOf(req: IncomingMessage): string | undefined {
  const raw = req.headers[FILE_NAME_HEADER];
  if (typeof raw !== 'string') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

async function upload(dispatcher: Dispatcher, policy: OriginPolicy, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A refusal before the body is read closes the connection: the rest of a big body is never received.
  const refuse = (error: ApiErrorBody) => {
    sendError(res, error, { Connection: 'close' });
    res.once('finish', () => req.destroy());
  };
  // A form on another site could post a file with the user's cookie: only our own page may.
  if (!policy.originAllowed(req.headers.origin)) return refuse({ code: 'forbidden', message: 'Forbidden origin.' });
  const declaredSize = declaredLength(req);
  if (declaredSize === undefined) return refuse({ code: 'bad_request', message: 'The Content-Length header is not a number.' });
  const name = fileNameOf(req);
  if (!req.headers[FILE_NAME_HEADER]) return refuse({ code: 'validation', message: 'The file needs a name (X-File-Name header).', issues: [{ path: 'name', message: 'required' }] });
  if (name === undefined) return refuse({ code: 'validation', message: 'The file name is not correctly encoded.', issues: [{ path: 'name', message: 'encoding' }] });
  const type = req.headers['content-type'];
  const result = await dispatcher.upload(callerOf(req), 'files.upload', { name, declaredSize, ...(type ? { type } : {}) }, req);
  if (result.ok) {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
    // An internal error on a request the sender abandoned: nobody to answer (the temp file is already removed).
  } else if (!(req.destroyed && result.error.code === 'internal')) refuse(result.error);
}

/** Streams a download the dispatcher allowed; the answer's headers come with it. */
async function download(dispatcher: Dispatcher, req: IncomingMessage, res: ServerResponse, name: 'files.download' | 'exports.download' | 'recordings.audio', params: unknown): Promise<void> {
  const result = await dispatcher.download(callerOf(req), name, params);
  if (!result.ok) return sendError(res, result.error);
  res.writeHead(200, result.value.headers);
  if (req.method === 'HEAD') return void res.end();
  // 1 MiB reads: with the default 64 KiB a large download spent most of its time in per-chunk
  // overhead (bench/files.ts measures it against a plain read of the same file).
  // pipeline, not pipe: when the browser goes away part way, the file is closed too (pipe
  // would leave it open, paused, for good); a read error still cuts the answer.
  pipeline(createReadStream(result.value.path, { highWaterMark: 1024 * 1024 }), res, (e) => {
    if (!e) result.value.sent?.();
  });
}

/** Answers /files, /files/<id>, /exports/<id> and /recordings/<id>; the caller has already checked the Host header. */
export async function handleTransferRoute(dispatcher: Dispatcher, policy: OriginPolicy, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  if (path === '/files' || path === '/files/') {
    if (req.method === 'POST') return upload(dispatcher, policy, req, res);
    return sendError(res, { code: 'bad_request', message: 'Send the file with POST.' });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'bad_request', message: 'Method not allowed.' });
  let id: string;
  try {
    id = decodeURIComponent(path.slice(path.indexOf('/', 1) + 1));
  } catch {
    return sendError(res, { code: 'bad_request', message: 'Not a file reference.' });
  }
  if (path.startsWith('/exports/')) return download(dispatcher, req, res, 'exports.download', { id });
  if (path.startsWith('/recordings/')) return download(dispatcher, req, res, 'recordings.audio', { id, save: url.searchParams.get('download') === '1' });
  return download(dispatcher, req, res, 'files.download', { id, inline: url.searchParams.get('inline') === '1' });
}
