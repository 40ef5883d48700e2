import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError } from '../../shared/api/result';

/**
 * Content-addressed file store: a file lives at files/ab/cdef… named by its sha256, so the same
 * attachment stored twice takes the space once, and a file's name can never escape the folder.
 */
export class FileStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
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
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
