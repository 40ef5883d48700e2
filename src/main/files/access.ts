import { existsSync, statSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { attachments } from '../db/schema';
import { isImageMime, isInlineMime, type UploadedFile } from '../../shared/api/files';
import { ApiError } from '../../shared/api/result';
import type { Actor, ServiceContext } from '../core/context';
import type { Download } from '../core/handler';
import { addAttachmentFromStream, type AttachmentRow } from './attachments';
import { tooLarge, type FileStore } from './file-store';

/*
 * Files in and out, the same for every transport (HTTP routes, IPC, the desktop app's scheme):
 * the dispatcher has checked the session and the right; these check what depends on the file.
 */

function toUploaded(row: AttachmentRow): UploadedFile {
  return { id: row.id, fileName: row.fileName, size: row.size, mimeType: row.mimeType, sha256: row.sha256 };
}

/**
 * Stores one uploaded file from a stream and creates its attachments row. A declared size over
 * the limit is refused before a byte is read; without one, the stream is cut as soon as it passes.
 */
export async function storeUpload(
  s: ServiceContext,
  store: FileStore,
  actor: Actor,
  maxBytes: number,
  file: { name: string; type?: string | undefined; declaredSize: number | null; stream: AsyncIterable<Uint8Array> },
): Promise<UploadedFile> {
  if (file.declaredSize !== null && file.declaredSize > maxBytes) throw tooLarge(file.declaredSize, maxBytes);
  try {
    const row = await addAttachmentFromStream(s, store, actor, { name: file.name, stream: file.stream, claimedType: file.type }, maxBytes);
    return toUploaded(row);
  } catch (e) {
    // The sender went away or ran out of time part way (Node says 'aborted'): their doing, not an internal error.
    if (e instanceof Error && (e.message === 'aborted' || (e as { code?: unknown }).code === 'ECONNRESET')) {
      throw new ApiError('bad_request', 'The upload was cut off before the whole file arrived; nothing was kept.');
    }
    throw e;
  }
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
function fileHeaders(row: AttachmentRow, inline: boolean): Record<string, string> {
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

/**
 * Whether a user may have a file: one they uploaded themself (a file not attached yet is only
 * its uploader's), or one attached to something they may read: a message of an intervention
 * that still exists, a register entry, a request type's template (the contract's permission
 * has already checked the right to read interventions).
 */
const MAY_HAVE = `SELECT 1 FROM attachments a WHERE a.id = ? AND a.deleted_at IS NULL AND (
    a.created_by = ?
    OR EXISTS (SELECT 1 FROM intervention_messages m JOIN interventions i ON i.id = m.intervention_id
               WHERE m.attachment_id = a.id AND m.deleted_at IS NULL AND i.deleted_at IS NULL)
    OR EXISTS (SELECT 1 FROM correspondence_register r WHERE r.attachment_id = a.id AND r.deleted_at IS NULL)
    OR EXISTS (SELECT 1 FROM request_type_templates t JOIN request_types rt ON rt.id = t.request_type_id
               WHERE t.attachment_id = a.id AND t.deleted_at IS NULL AND rt.deleted_at IS NULL))`;

/** A stored attachment to stream out, for a user who may have it; anything else is 'not_found' (its existence is not theirs to know). */
export function attachmentDownload(s: ServiceContext, store: FileStore, userId: string, id: string, inline: boolean): Download {
  if (!s.raw.prepare(MAY_HAVE).get(id, userId)) throw new ApiError('not_found', 'No such file.');
  const row = s.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .get();
  if (!row) throw new ApiError('not_found', 'No such file.');
  const path = store.pathOf(row.sha256);
  if (!existsSync(path) || !statSync(path).isFile()) {
    // With a shared store its bytes may still be on their way (sync/file-sync.ts).
    const syncing = s.raw.prepare("SELECT 1 FROM sync_state WHERE key = 'store'").get();
    throw new ApiError('not_found', syncing ? 'The file has not arrived from the shared store yet; it comes with a sync.' : 'The file is missing from the store on this computer.');
  }
  if (inline && !isInlineMime(row.mimeType)) throw new ApiError('bad_request', 'This kind of file is not shown in the app; download it instead.');
  return { path, fileName: row.fileName, headers: fileHeaders(row, inline) };
}
