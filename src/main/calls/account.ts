import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { sipDomain, type SipAccountView, type SipConnection, type sipAccountInput } from '../../shared/api/calls';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import type { SecretBox } from '../core/secrets';
import { sipAccounts } from '../db/schema';

type Row = typeof sipAccounts.$inferSelect;

/** The realm digest authentication is computed for: as set, else the SIP URI's host. */
const realmOf = (row: Pick<Row, 'realm' | 'sipUri'>) => row.realm || sipDomain(row.sipUri);

function view(row: Row): SipAccountView {
  return {
    wsUrl: row.wsUrl,
    sipUri: row.sipUri,
    authUser: row.authUser,
    realm: row.realm,
    displayName: row.displayName,
    iceServers: JSON.parse(row.iceServers) as string[],
    iceTimeoutMs: row.iceTimeoutMs,
    hasPassword: row.passwordSealed !== null,
  };
}

export function getAccount(s: ServiceContext, userId: string): SipAccountView | null {
  const row = s.db.select().from(sipAccounts).where(eq(sipAccounts.userId, userId)).get();
  return row ? view(row) : null;
}

/**
 * Saves the caller's own account. The server must be one an administrator allowed (Settings:
 * the page's CSP lets the softphone reach those only); a password given is sealed at once.
 */
export function saveAccount(s: ServiceContext, secrets: SecretBox, userId: string, allowed: readonly string[], input: z.output<typeof sipAccountInput>): SipAccountView {
  if (!allowed.includes(input.wsUrl)) {
    throw new ApiError('validation', 'This SIP server is not among the telephony servers an administrator allowed (Administration → Settings).', [
      { path: 'wsUrl', message: 'not an allowed telephony server' },
    ]);
  }
  const existing = s.db.select().from(sipAccounts).where(eq(sipAccounts.userId, userId)).get();
  if (!input.password && !existing?.passwordSealed) throw new ApiError('validation', 'Enter the SIP password.', [{ path: 'password', message: 'required' }]);
  const values = {
    wsUrl: input.wsUrl,
    sipUri: input.sipUri,
    authUser: input.authUser,
    realm: input.realm,
    displayName: input.displayName,
    iceServers: JSON.stringify(input.iceServers),
    iceTimeoutMs: input.iceTimeoutMs,
    passwordSealed: input.password ? secrets.seal(input.password) : (existing?.passwordSealed ?? null),
    updatedAt: s.now(),
  };
  s.db
    .insert(sipAccounts)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: sipAccounts.userId, set: values })
    .run();
  return getAccount(s, userId)!;
}

export function deleteAccount(s: ServiceContext, userId: string): void {
  s.db.delete(sipAccounts).where(eq(sipAccounts.userId, userId)).run();
}

/** The softphone's registration data: HA1 for digest authentication, never the password itself. */
export function connection(s: ServiceContext, secrets: SecretBox, userId: string): SipConnection | null {
  const row = s.db.select().from(sipAccounts).where(eq(sipAccounts.userId, userId)).get();
  if (!row?.passwordSealed) return null;
  let password: string;
  try {
    password = secrets.open(row.passwordSealed);
  } catch {
    throw new ApiError('validation', 'The SIP password saved here cannot be read on this workstation any more: enter it again in the softphone settings.');
  }
  const realm = realmOf(row);
  const { hasPassword: _, ...rest } = view(row);
  return { ...rest, realm, ha1: createHash('md5').update(`${row.authUser}:${realm}:${password}`).digest('hex') };
}
