
import { z } from 'zod';
import { download, upload } from './def';
import { read, write } from './permission';

/* Files: attachments streamed to a content-addressed store, and which of them the app previews. */

/**
 * A stored file as the renderer knows it after an upload: the id of the new `attachments` row,
 * the cleaned file name, its size in bytes, the MIME type main decided (from the bytes when they
 * say what they are) and the content hash it is stored under.
 */
export interface UploadedFile {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
  sha256: string;
}

/** MIME types shown inline (preview) rather than only downloaded: never HTML, SVG or scripts. */
const INLINE_MIME_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];

export function isInlineMime(mimeType: string): boolean {
  return INLINE_MIME_TYPES.includes(mimeType.toLowerCase());
}

export function isImageMime(mimeType: string): boolean {
  return isInlineMime(mimeType) && mimeType.toLowerCase().startsWith('image/');
}

/** Header carrying the URI-encoded file name of a `POST /files` body. */
export const FILE_NAME_HEADER = 'x-file-name';

/** A size as people read it (binary units, as file managers on Linux and Windows show them). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** Attachment ids are UUIDs: anything else is refused before the database is asked. */
const attachmentId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not a file reference');

/** Up to 255 characters of name as sent; main keeps a safe version of it (shared/domain/files). */
const uploadParams = z
  .object({
    name: z.string().min(1, 'required').max(1024),
    type: z.string().max(200).optional(),
    /** The size the sender announced (Content-Length, the file's size on disk); null when unknown. */
    declaredSize: z.number().int().min(0).nullable(),
  })
  .strict();

const fileDownloadParams = z.object({ id: attachmentId, inline: z.boolean().default(false) }).strict();

/**
 * Files go in and out as streams, never whole in memory: uploading needs the right to change
 * interventions (files only ever join a thread or a register entry), downloading to see them.
 */
export const filesStreams = {
  'files.upload': upload<UploadedFile>()(uploadParams, write('interventions')),
  // inline: previewable images and PDFs shown in the app; anything else is only downloaded.
  'files.download': download(fileDownloadParams, read('interventions')),
};
