import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError } from '../../shared/api/result';
import { formatBytes } from '../../shared/api/files';

/**
 * Content-addressed file store: a file lives at files/ab/cdef… named by its sha256, so the same
 * attachment stored twice takes the space once, and a file's name can never escape the folder.
 */
export class FileStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
    this.sweepIncoming();
  }

  /**
   * An upload cut by a crash or a kill leaves its temporary file in .incoming, which nothing
   * else ever removes (a 2 GB one would stay for good). Those older than an hour are removed
   * when the store opens: an upload under way writes to its file all the time, so it is newer.
   */
  private sweepIncoming(): void {
    let names: string[];
    try {
      names = readdirSync(this.tempDir);
    } catch {
      return; // no .incoming yet
    }
    const cutoff = Date.now() - 60 * 60 * 1000;
    // A download from the shared store waiting to go on (.part) is kept a month.
    const partCutoff = Date.now() - 30 * 24 * 60 * 60 * 1000;
    for (const name of names) {
      if (!name.endsWith('.tmp') && !name.endsWith('.part')) continue;
      const path = join(this.tempDir, name);
      try {
        if (statSync(path).mtimeMs < (name.endsWith('.part') ? partCutoff : cutoff)) rmSync(path, { force: true });
      } catch {
        // removed meanwhile: nothing to do
      }
    }
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ApiError('bad_request', 'Not a file reference.');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * Stores bytes and returns their hash. Written to a temporary name, flushed, then renamed,
   * so a crash never leaves a half-written file under a valid hash.
   */
  put(bytes: Uint8Array, maxBytes: number): { sha256: string; size: number } {
    if (bytes.byteLength > maxBytes) {
      throw new ApiError('too_large', `The file is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(maxBytes)}.`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const fd = openSync(tmp, 'wx');
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    }
    return { sha256, size: bytes.byteLength };
  }

  /** Removes a file's bytes (no attachment here refers to them any more). */
  remove(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
    rmSync(this.partialPath(sha256), { force: true });
  }

  /** How many bytes of a file a download cut short has kept (0 when none). */
  partialSize(sha256: string): number {
    try {
      return statSync(this.partialPath(sha256)).size;
    } catch {
      return 0;
    }
  }

  /**
   * Writes the bytes of a download at `offset` of its partial file (cut back there first, so a
   * part written twice or half-written before a crash is simply written again).
   */
  writePartial(sha256: string, offset: number, bytes: Uint8Array): void {
    mkdirSync(this.tempDir, { recursive: true });
    const fd = openSync(this.partialPath(sha256), existsSync(this.partialPath(sha256)) ? 'r+' : 'w');
    try {
      ftruncateSync(fd, offset);
      writeSync(fd, bytes, 0, bytes.byteLength, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** A download complete: its bytes checked against the hash and put in place; false (and dropped) when they do not match. */
  finishPartial(sha256: string): boolean {
    const partial = this.partialPath(sha256);
    if (hashFile(partial) !== sha256) {
      rmSync(partial, { force: true });
      return false;
    }
    const target = this.pathOf(sha256);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(partial, target);
    return true;
  }

  /**
   * Takes a file written elsewhere under the store's root (a recording, appended to as it came)
   * into the store under its hash; answers the hash and size.
   */
  adopt(path: string): { sha256: string; size: number } {
    const size = statSync(path).size;
    const sha256 = hashFile(path);
    const target = this.pathOf(sha256);
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) rmSync(path, { force: true });
    else renameSync(path, target);
    return { sha256, size };
  }

  /** Bytes of a stored file from `offset` (at most `length`), for an upload part. */
  readRange(sha256: string, offset: number, length: number): Buffer {
    const fd = openSync(this.pathOf(sha256), 'r');
    try {
      const buffer = Buffer.allocUnsafe(length);
      const n = readSync(fd, buffer, 0, length, offset);
      return buffer.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }

  private partialPath(sha256: string): string {
    this.pathOf(sha256); // checks it is a hash
    return join(this.tempDir, `${sha256}.part`);
  }

  /** Where streamed uploads are written until their hash is known; never a valid hash folder. */
  get tempDir(): string {
    return join(this.root, '.incoming');
  }

  /**
   * Stores a stream without holding it in memory: written to a temporary file while hashing,
   * refused as soon as it passes maxBytes, then renamed under its hash. The temporary file is
   * removed on any failure (too large, aborted, disk error). `head` is the first bytes, to sniff the type.
   */
  async putStream(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ sha256: string; size: number; head: Uint8Array }> {
    mkdirSync(this.tempDir, { recursive: true });
    const tmp = join(this.tempDir, `${randomBytes(12).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    const handle = await open(tmp, 'wx');
    let size = 0;
    let head = new Uint8Array(0);
    let moved = false;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw tooLarge(size, maxBytes, true);
        if (head.byteLength < 16) head = Uint8Array.from([...head, ...chunk.subarray(0, 16 - head.byteLength)]);
        hash.update(chunk);
        await handle.write(chunk);
      }
      if (size === 0) throw new ApiError('validation', 'The file is empty.', [{ path: 'bytes', message: 'empty' }]);
      await handle.sync();
      await handle.close();
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (!existsSync(target)) {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(tmp, target);
        moved = true;
      }
      return { sha256, size, head };
    } finally {
      await handle.close().catch(() => undefined);
      if (!moved) rmSync(tmp, { force: true });
    }
  }
}

/** The sha256 of a file, read a mebibyte at a time. */
function hashFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** The refusal of a file over the limit; `atLeast` when the stream was stopped part way. */
export function tooLarge(size: number, maxBytes: number, atLeast = false): ApiError {
  return new ApiError('too_large', `The file is ${atLeast ? 'more than ' : ''}${formatBytes(atLeast ? maxBytes : size)}; the limit is ${formatBytes(maxBytes)}.`);
}

// One formatting for main's messages and the renderer's (the size limit is named the same way in both).
;
