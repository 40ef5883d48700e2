import { createHash, createHmac, pbkdf2, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt with N=2^15 takes ~50 ms here: slow enough to make guessing costly, fast enough for a login.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

const OPTIONS: ScryptOptions = { N, r: R, p: P, maxmem: MAX_MEM };

const format = (salt: Buffer, hash: Buffer) => ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');

/**
 * Returns "scrypt$N$r$p$salt$hash" (base64), self-describing so parameters can change later.
 * Synchronous: only for start-up and the demo, before anyone is waiting on the host.
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return format(salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, OPTIONS));
}

/** scrypt on libuv's thread pool: the host's thread goes on answering other calls meanwhile. */
function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (e, key) => (e ? reject(e) : resolve(key)));
  });
}

/** The same as hashPassword, off the host's thread: for API calls (an administrator setting a password). */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  return format(salt, await scryptAsync(password, salt, KEY_LENGTH, OPTIONS));
}

/** Whether a password matches a stored hash, off the host's thread; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEM };
  // Parameters scrypt refuses (a damaged hash) are a mismatch, not an internal error.
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, options).catch(() => null);
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The password as the shared store checks it: a PostgreSQL SCRAM-SHA-256 verifier (RFC 5802,
 * 4096 iterations as PostgreSQL makes them). Sync gives it to the store for the user's own store
 * login (migrations/pg/0004_logins.sql), so the store never receives the password itself.
 */
export async function storeVerifier(password: string): Promise<string> {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256', (e, key) => (e ? reject(e) : resolve(key))),
  );
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
