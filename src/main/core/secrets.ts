import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keeps secrets the app must use again (a SIP password) unreadable in the database file: a copy
 * of the file, a backup, a support bundle carry only sealed text. The desktop app seals with
 * Electron's safeStorage (the operating system's keyring: electron/secrets.ts); browser mode
 * with a key file of the data folder, readable by its owner only.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** The plain text; throws when it was sealed elsewhere (another workstation, a lost key). */
  open(sealed: string): string;
}

const PREFIX = 'k1:';

/** AES-256-GCM with a key kept in `<dataDir>/secret.key` (made on first use, mode 0600). */
export function fileKeyBox(dataDir: string): SecretBox {
  const file = join(dataDir, 'secret.key');
  let key: Buffer | null = null;
  const theKey = () => {
    if (key) return key;
    if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    key = readFileSync(file);
    if (key.length !== 32) throw new Error(`${file} is not a key made by this app: move it away and enter the passwords again.`);
    return key;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', theKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('This secret was sealed by another kind of store: enter it again.');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', theKey(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
