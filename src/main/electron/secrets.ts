import { safeStorage } from 'electron';
import type { SecretBox } from '../core/secrets';

const PREFIX = 'os1:';

/**
 * Secrets sealed by the operating system's keyring (safeStorage: DPAPI, Keychain, libsecret):
 * only this user on this machine opens them. Where no keyring is available (a bare Linux
 * session), the data folder's key file is used instead, as in browser mode.
 */
export function keyringBox(fallback: SecretBox): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return fallback;
  return {
    seal: (plain) => PREFIX + safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => (sealed.startsWith(PREFIX) ? safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64')) : fallback.open(sealed)),
  };
}
