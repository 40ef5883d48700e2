import { attachments } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { isInlineMime } from '../../shared/api/files';
import { safeFileName, sniffMimeType } from '../../shared/domain/files';
import { createRecord } from '../core/records';
import type { FileStore } from './file-store';
import type { Actor, ServiceContext } from '../core/context';

export type AttachmentRow = typeof attachments.$inferSelect;

/**
 * Stores a file and its attachment row. The MIME type is taken from the bytes when they say
 * what they are (a PDF named .jpg is a PDF), else from the claimed type, else octet-stream.
 */
export function addAttachment(
  s: ServiceContext,
  store: FileStore,
  actor: Actor,
  file: { name: unknown; bytes: Uint8Array; claimedType?: string | undefined },
  maxBytes: number,
): AttachmentRow {
  const fileName = safeFileName(file.name);
  if (!fileName) throw new ApiError('validation', 'The file needs a name.', [{ path: 'name', message: 'required' }]);
  if (file.bytes.byteLength === 0) throw new ApiError('validation', 'The file is empty.', [{ path: 'bytes', message: 'empty' }]);
  const { sha256, size } = store.put(file.bytes, maxBytes);
  const mimeType = sniffMimeType(file.bytes) ?? cleanMime(file.claimedType) ?? 'application/octet-stream';
  return createRecord(s, actor, attachments, { sha256, size, mimeType, fileName, createdBy: actor.userId });
}

/**
 * A claimed type is kept only as a label for downloads. The types the app shows inline (images,
 * PDF) are granted by the bytes alone (sniffMimeType): a claim of "application/pdf" on HTML would
 * otherwise be served inline without a sandbox (see fileHeaders in transport/file-routes.ts).
 */
function cleanMime(claimed: string | undefined): string | null {
  if (!claimed || claimed.length > 100 || !/^[a-z]+\/[a-z0-9.+-]+$/i.test(claimed)) return null;
  const type = claimed.toLowerCase();
  return isInlineMime(type) ? null : type;
}

/**
 * The streaming twin of addAttachment, for uploads: the bytes go to disk while hashed (see
 * FileStore.putStream), the row is written once the file is safely stored.
 */
export async function addAttachmentFromStream(
  s: ServiceContext,
  store: FileStore,
  actor: Actor,
  file: { name: unknown; stream: AsyncIterable<Uint8Array>; claimedType?: string | undefined },
  maxBytes: number,
): Promise<AttachmentRow> {
  const fileName = safeFileName(file.name);
  if (!fileName) throw new ApiError('validation', 'The file needs a name.', [{ path: 'name', message: 'required' }]);
  const { sha256, size, head } = await store.putStream(file.stream, maxBytes);
  const mimeType = sniffMimeType(head) ?? cleanMime(file.claimedType) ?? 'application/octet-stream';
  return createRecord(s, actor, attachments, { sha256, size, mimeType, fileName, createdBy: actor.userId });
}
