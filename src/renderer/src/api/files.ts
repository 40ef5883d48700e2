import { BRIDGE_KEY, type DesktopBridge } from '../../../shared/api/bridge';
import { FILE_NAME_HEADER, formatBytes, type UploadedFile } from '../../../shared/api/files';
import type { ApiResult } from '../../../shared/api/result';
import { getApiClient } from './client';
import { CallError } from './errors';

export type { UploadedFile } from '../../../shared/api/files';

/*
 * Files beside the JSON API. Browser mode: POST /files with the raw file as the body (streamed
 * to disk by the host, never held in memory) and GET /files/<id>. Desktop: the file's bytes go to
 * main in chunks over the bridge (never a path); downloads go through a save dialog.
 */

export interface UploadOptions {
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** The limit (settings.get → attachmentMaxBytes) when the caller has it; else it is read here. */
  maxBytes?: number;
}

function bridge(): DesktopBridge | undefined {
  return (globalThis as Record<string, unknown>)[BRIDGE_KEY] as DesktopBridge | undefined;
}

/** The refusal of a file over the limit, before a byte is sent; the message names both sizes. */
function tooLargeError(size: number, maxBytes: number): CallError {
  return new CallError('too_large', `The file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}.`);
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

const aborted = () => new DOMException('The upload was cancelled.', 'AbortError');

function answerOf(status: number, text: string): ApiResult<UploadedFile> {
  try {
    const parsed = JSON.parse(text) as ApiResult<UploadedFile>;
    if (typeof parsed === 'object' && 'ok' in parsed) return parsed;
  } catch {
    // Not JSON: a proxy's page or a cut connection; answered below with the status.
  }
  return { ok: false, error: { code: status === 413 ? 'too_large' : 'internal', message: `The upload failed (HTTP ${status}).` } };
}

function uploadOverHttp(file: File, options: UploadOptions): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(aborted());
    // XMLHttpRequest, not fetch: fetch reports no upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      const result = answerOf(xhr.status, xhr.responseText);
      if (result.ok) resolve(result.value);
      else reject(CallError.fromBody(result.error));
    };
    xhr.onerror = () => {
      done();
      reject(new CallError('disconnected', 'The upload did not reach the application; check the connection and try again.'));
    };
    xhr.onabort = () => {
      done();
      reject(aborted());
    };
    xhr.send(file);
  });
}

/** A chunk of the file per IPC message: big enough to be quick, small enough to keep memory flat. */
const CHUNK_BYTES = 512 * 1024;

/**
 * Desktop: the file's bytes go to main in chunks, each answered when main has taken it, so a big
 * file never sits whole in memory and the progress bar moves. Pasted and dropped data (no path
 * on disk) upload the same way as a chosen file.
 */
async function uploadOverBridge(upload: NonNullable<DesktopBridge['upload']>, file: File, options: UploadOptions): Promise<UploadedFile> {
  if (options.signal?.aborted) throw aborted();
  const begun = await upload.begin({ name: file.name || 'pasted', size: file.size, ...(file.type ? { type: file.type } : {}) });
  if (!begun.ok) throw CallError.fromBody(begun.error);
  const { id } = begun.value;
  try {
    options.onProgress?.(0, file.size);
    for (let at = 0; at < file.size; at += CHUNK_BYTES) {
      if (options.signal?.aborted) throw aborted();
      const bytes = new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
      const taken = await upload.chunk(id, bytes);
      if (!taken.ok) throw CallError.fromBody(taken.error);
      options.onProgress?.(Math.min(at + CHUNK_BYTES, file.size), file.size);
    }
    const result = await upload.end(id);
    if (!result.ok) throw CallError.fromBody(result.error);
    return result.value;
  } catch (e) {
    // Cancelled, refused or failed part way: main drops what it had (nothing is kept).
    await upload.abort(id).catch(() => undefined);
    throw e;
  }
}

let cachedLimit: Promise<number> | null = null;

/** The attachment size limit from the settings (read once per page; a failed read is retried next time). */
function maxUploadBytes(): Promise<number> {
  cachedLimit ??= getApiClient()
    .call('settings.get', {})
    .then((s) => s.attachmentMaxBytes)
    .catch((e: unknown) => {
      cachedLimit = null;
      throw e;
    });
  return cachedLimit;
}

/**
 * Uploads one file; resolves with its new attachments row. A file over the limit is refused
 * before sending (CallError 'too_large' naming both sizes); a cancel rejects with an AbortError.
 */
export async function uploadFile(file: File, options: UploadOptions = {}): Promise<UploadedFile> {
  const max = options.maxBytes ?? (await maxUploadBytes());
  if (file.size > max) throw tooLargeError(file.size, max);
  if (file.size === 0) throw new CallError('validation', 'The file is empty.', [{ path: 'bytes', message: 'empty' }]);
  const desktop = bridge();
  if (desktop?.upload) return uploadOverBridge(desktop.upload, file, options);
  return uploadOverHttp(file, options);
}

/** The address that downloads (or, with inline, previews) an attachment; the same path in both modes. */
export function fileUrl(attachmentId: string, options: { inline?: boolean } = {}): string {
  return `/files/${encodeURIComponent(attachmentId)}${options.inline ? '?inline=1' : ''}`;
}

/**
 * Downloads an attachment: a save dialog in the desktop app, the browser's download otherwise.
 * Resolves when handed over (browser) or saved (desktop; false when the user cancelled).
 */
export async function downloadFile(attachmentId: string, fileName: string): Promise<boolean> {
  const desktop = bridge();
  if (desktop?.saveFile) {
    const result = await desktop.saveFile(attachmentId);
    if (!result.ok) throw CallError.fromBody(result.error);
    return result.value !== null;
  }
  const a = document.createElement('a');
  a.href = fileUrl(attachmentId);
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return true;
}

/** Whether this window can save itself as a PDF file (the desktop app; browser mode prints to PDF from its print dialog). */
export function canSavePdf(): boolean {
  return typeof bridge()?.savePdf === 'function';
}

/** Desktop: prints this window's page to a PDF file the user picks; the path, or null when they cancel. */
export async function savePageAsPdf(suggestedName: string): Promise<string | null> {
  const desktop = bridge();
  if (!desktop?.savePdf) throw new CallError('unknown_method', 'Saving as PDF is done from the print dialog here.');
  const result = await desktop.savePdf(suggestedName);
  if (!result.ok) throw CallError.fromBody(result.error);
  return result.value;
}

/** A recorded call's address: to play (audited as a playback by main); the same path in both modes. */
const recordingUrl = (recordingId: string): string => `/recordings/${encodeURIComponent(recordingId)}`;

/** A recorded call's bytes, fetched once per review (one audited playback). */
export async function fetchRecording(recordingId: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(recordingUrl(recordingId), { credentials: 'same-origin', ...(signal ? { signal } : {}) });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: Parameters<typeof CallError.fromBody>[0] } | null;
    throw body?.error ? CallError.fromBody(body.error) : new CallError('internal', `The recording could not be read (HTTP ${res.status}).`);
  }
  return res.blob();
}

/** Saves a recorded call: a save dialog in the desktop app, the browser's download otherwise (audited as a download). */
export async function downloadRecording(recordingId: string): Promise<boolean> {
  const desktop = bridge();
  if (desktop?.saveRecording) {
    const result = await desktop.saveRecording(recordingId);
    if (!result.ok) throw CallError.fromBody(result.error);
    return result.value !== null;
  }
  const a = document.createElement('a');
  a.href = `${recordingUrl(recordingId)}?download=1`;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return true;
}
