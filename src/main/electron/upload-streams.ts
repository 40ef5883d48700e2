import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApiResult } from '../../shared/api/result';
import type { Caller, Dispatcher } from '../api/dispatcher';

/*
 * Uploads in the desktop app arrive as the bytes themselves, in chunks sent by the page, the way
 * browser mode receives a request body: main never opens a path the renderer names (a compromised
 * renderer could name any file the user can read), and pasted or dropped data, which has no path
 * on disk, uploads like a chosen file. Each chunk is answered when the store has taken it, so a
 * large file never piles up in memory. No Electron import: tested as plain code.
 */

const BEGIN = z.object({
  name: z.string().trim().min(1).max(255),
  type: z.string().max(255).optional(),
  size: z.number().int().min(0),
});

const MAX_CHUNK_BYTES = 1024 * 1024;

interface Limits {
  /** A sender that stops sending for this long loses its upload (as the host's body timeout). */
  idleMs: number;
  /** Uploads one window may have open at once. */
  perOwner: number;
}

type Item = Uint8Array | 'end' | Error;

interface Upload {
  owner: number;
  received: number;
  size: number;
  /** The queue between the page's chunks and the store's reads, and whoever waits on either side. */
  queue: { item: Item; taken: () => void }[];
  wake: (() => void) | null;
  result: Promise<ApiResult<unknown>>;
  settled: ApiResult<unknown> | null;
  idle: NodeJS.Timeout;
}

const refusal = (code: 'validation' | 'not_found' | 'bad_request' | 'forbidden', message: string): ApiResult<never> => ({ ok: false, error: { code, message } });

export class UploadStreams {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly limits: Limits = { idleMs: 60_000, perOwner: 4 },
  ) {}

  /** Starts an upload for the window `owner`; the dispatcher's guard runs now (session, right, declared size). */
  begin(owner: number, caller: Caller, params: unknown): ApiResult<{ id: string }> {
    const parsed = BEGIN.safeParse(params);
    if (!parsed.success) return refusal('validation', 'The file to attach needs a name and a size.');
    if ([...this.uploads.values()].filter((u) => u.owner === owner).length >= this.limits.perOwner) {
      return refusal('forbidden', `At most ${this.limits.perOwner} files upload at once from one window; wait for one to finish.`);
    }
    const { name, type, size } = parsed.data;
    const id = randomUUID();
    const upload: Upload = {
      owner,
      received: 0,
      size,
      queue: [],
      wake: null,
      result: Promise.resolve({ ok: true, value: null }),
      settled: null,
      idle: setTimeout(() => this.abort(owner, id), this.limits.idleMs).unref(),
    };
    this.uploads.set(id, upload);
    upload.result = this.dispatcher
      .upload(caller, 'files.upload', { name, declaredSize: size, ...(type ? { type } : {}) }, this.source(upload))
      .then((r) => {
        upload.settled = r;
        // The store is done (stored, or refused before the end): nobody waits on a chunk any more.
        for (const q of upload.queue.splice(0)) q.taken();
        clearTimeout(upload.idle);
        return r;
      });
    return { ok: true, value: { id } };
  }

  /** One chunk; answered once the store has taken it (or with the store's refusal). */
  async chunk(owner: number, id: unknown, bytes: unknown): Promise<ApiResult<null>> {
    const upload = this.find(owner, id);
    if (!upload) return refusal('not_found', 'This upload is not open (it ended, was cancelled or timed out).');
    if (upload.settled) return upload.settled.ok ? refusal('bad_request', 'The upload had already ended.') : upload.settled;
    if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0 || bytes.byteLength > MAX_CHUNK_BYTES) {
      this.abort(owner, id as string);
      return refusal('validation', `Each part of a file must be 1 byte to ${MAX_CHUNK_BYTES} bytes.`);
    }
    upload.received += bytes.byteLength;
    if (upload.received > upload.size) {
      this.abort(owner, id as string);
      return refusal('validation', 'More bytes arrived than the file was said to have; nothing was kept.');
    }
    upload.idle.refresh();
    await this.push(upload, bytes);
    // The store may have refused while this chunk waited (the limit passed, no right).
    const after = upload.settled as ApiResult<unknown> | null;
    return after && !after.ok ? after : { ok: true, value: null };
  }

  /** The last call: the attachment stored, or why not. */
  async end(owner: number, id: unknown): Promise<ApiResult<unknown>> {
    const upload = this.find(owner, id);
    if (!upload) return refusal('not_found', 'This upload is not open (it ended, was cancelled or timed out).');
    if (!upload.settled && upload.received !== upload.size) {
      this.abort(owner, id as string);
    } else if (!upload.settled) {
      void this.push(upload, 'end');
    }
    const result = await upload.result;
    this.uploads.delete(id as string);
    return result;
  }

  /** Cancels an upload: the store removes what it had written. */
  abort(owner: number, id: string): void {
    const upload = this.find(owner, id);
    if (!upload) return;
    clearTimeout(upload.idle);
    // storeUpload answers Error('aborted') with "cut off before the whole file arrived; nothing was kept".
    void this.push(upload, new Error('aborted'));
    void upload.result.then(() => this.uploads.delete(id));
  }

  /** The window is gone: its uploads with it. */
  dropOwner(owner: number): void {
    for (const [id, u] of this.uploads) if (u.owner === owner) this.abort(owner, id);
  }

  private find(owner: number, id: unknown): Upload | null {
    const upload = typeof id === 'string' ? this.uploads.get(id) : undefined;
    // Another window's upload id is not this window's to feed.
    return upload && upload.owner === owner ? upload : null;
  }

  private push(upload: Upload, item: Item): Promise<void> {
    if (upload.settled) return Promise.resolve();
    return new Promise((taken) => {
      upload.queue.push({ item, taken });
      upload.wake?.();
    });
  }

  private async *source(upload: Upload): AsyncGenerator<Uint8Array> {
    for (;;) {
      const next = upload.queue.shift();
      if (!next) {
        await new Promise<void>((wake) => (upload.wake = wake));
        upload.wake = null;
        continue;
      }
      next.taken();
      if (next.item === 'end') return;
      if (next.item instanceof Error) throw next.item;
      yield next.item;
    }
  }
}
