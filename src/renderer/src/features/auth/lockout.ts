import type { CallError } from '../../api/errors';

/**
 * The host refuses a locked-out login with 'forbidden' and "Try again in N s." in the message;
 * the seconds are read from there until the API carries them as a field.
 */
export function lockoutSeconds(error: CallError): number | null {
  if (error.code !== 'forbidden') return null;
  const match = /(\d+)\s*s\b/.exec(error.message);
  return match ? Number(match[1]) : null;
}
