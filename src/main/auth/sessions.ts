import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import { sessions, users } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { verifyPassword, hashPassword, hashPasswordAsync } from './password';
import { Limiter } from '../core/limiter';
import type { ServiceContext } from '../core/context';
import type { SessionRef } from '../core/handler';
import { LoginThrottle } from './throttle';
import type { LoginResult, Me } from '../../shared/api/auth';
import { findActiveUserByLogin, toMe, type UserRecord } from './users';

/** The shared store's say on logins (sync/sync-service.ts), when the workstation has joined one. */
export interface StoreLogin {
  /** true or false from the store; null when there is no store or it cannot be reached. */
  checkLogin(login: string, password: string): Promise<boolean | null>;
  /** A login succeeded: the user's changes can be pushed, and the store read, as them. */
  remember(userId: string, login: string, password: string): void;
}

/** A resumed session (the type handlers see). */
export type Session = SessionRef;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/**
 * Sessions end this long after the login even when in use, so a stolen token does not live
 * forever. The window is told the end (`endsAt`) and warns before it comes; the browser's
 * cookie lives exactly this long (the idle limit is the host's to enforce, as it slides).
 */
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 3600 * 1000;
// Compared against when the login is unknown, so both paths cost one scrypt with the same
// parameters, on the same limiter (no timing oracle for which names exist).
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

/**
 * Password checks at once: scrypt needs 32 MB and ~50 ms of a core each; two keep one core for
 * everything else on a two-core machine. Up to 64 wait their turn; more are refused at once.
 */
const PASSWORD_CHECKS = 2;
const PASSWORD_QUEUE = 64;

export class SessionService {
  private readonly throttle = new LoginThrottle();
  /** Every password check of a login passes here (tests read its peak). */
  readonly passwordChecks = new Limiter(PASSWORD_CHECKS, PASSWORD_QUEUE, 'Too many logins at once.');

  constructor(
    private readonly s: ServiceContext,
    private readonly idleMinutes: () => number,
    private readonly store: StoreLogin | null = null,
  ) {}

  /**
   * Checks a login and opens a session. The password is checked off the host's thread, a few at
   * a time; failures count against the name and the client's address. Answers the new session's
   * token beside what the window may see: the transport keeps the token (cookie, IPC caller).
   */
  async login(login: string, password: string, transport: 'ipc' | 'http', address: string): Promise<{ token: string; result: LoginResult }> {
    const wait = this.throttle.check(login, address, this.s.now());
    if (wait > 0) {
      throw new ApiError('forbidden', `Too many failed attempts. Try again in ${Math.ceil(wait / 1000)} s.`);
    }
    let found = findActiveUserByLogin(this.s, login);
    // With a shared store, the store says who may log in (a user made on another workstation,
    // a password changed there); offline (null), what this workstation knows decides.
    const byStore = this.store ? await this.store.checkLogin(login, password) : null;
    if (byStore === true && found) found = await this.learnPassword(found.id, login, password);
    const matches = byStore === false ? false : await this.passwordChecks.run(() => verifyPassword(password, found?.passwordHash ?? DUMMY_HASH));
    // Read again after the wait: the user may have been deactivated or given a new password meanwhile.
    const user = found && matches ? findActiveUserByLogin(this.s, login) : undefined;
    const now = this.s.now();
    if (!user || user.passwordHash !== found?.passwordHash) {
      this.throttle.fail(login, address, now);
      throw new ApiError('unauthenticated', 'Wrong login or password.');
    }
    this.store?.remember(user.id, user.login, password);
    this.throttle.succeed(login);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.idleMinutes() * 60_000;
    this.s.db.insert(sessions).values({ tokenHash: sha256(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt, transport }).run();
    this.s.db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
    return { token, result: { expiresAt, endsAt: now + ABSOLUTE_LIFETIME_MS, me: toMe(user), now } };
  }

  /**
   * The store accepted a password this workstation does not know for the user (they logged in
   * on another one first, or changed it there): it is kept here, hashed, for offline logins. Not
   * a change to push: the store has the user's login already.
   */
  private async learnPassword(userId: string, login: string, password: string): Promise<UserRecord | undefined> {
    const row = this.s.raw.prepare('SELECT password_hash AS h FROM users WHERE id = ?').get(userId) as { h: string } | undefined;
    if (row && (await this.passwordChecks.run(() => verifyPassword(password, row.h)))) return findActiveUserByLogin(this.s, login);
    const hash = await this.passwordChecks.run(() => hashPasswordAsync(password));
    this.s.raw.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, userId);
    return findActiveUserByLogin(this.s, login);
  }

  /**
   * The session behind a token as stored, and whether it is still usable (not idle or past its
   * absolute end, its user active); null when the token is malformed or unknown.
   */
  private lookUp(token: string | null, now: number) {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
    const hash = sha256(token);
    // Every API call passes here: a prepared statement, not a query built per call (0.4 ms -> 0.02 ms).
    const found = this.statements().find.get(hash) as (Omit<UserRecord, 'active' | 'sessionLocked'> & { active: number; sessionLocked: number; sCreatedAt: number; sLastSeenAt: number; sExpiresAt: number }) | undefined;
    if (!found) return null;
    const row = { ...found, active: found.active === 1, sessionLocked: found.sessionLocked === 1 };
    const usable = row.sExpiresAt > now && row.sCreatedAt + ABSOLUTE_LIFETIME_MS > now && row.active && row.deletedAt === null;
    return { hash, row, usable };
  }

  /** The session behind a token, sliding its expiry; null when unknown, expired or the user is gone. */
  resume(token: string): { session: Session; me: Me } | null {
    const now = this.s.now();
    const found = this.lookUp(token, now);
    if (!found) return null;
    const { hash, row } = found;
    // While the index worker holds the file (core/write-gate.ts) a read must not turn into a
    // write: an ended session is removed, and last_seen written, on a later call.
    const mayWrite = !this.s.writes.held;
    if (!found.usable) {
      if (mayWrite) this.statements().remove.run(hash);
      return null;
    }
    const expiresAt = now + this.idleMinutes() * 60_000;
    // Writing last_seen on every call would make every read a write; once a minute is enough.
    if (mayWrite && now - row.sLastSeenAt > 60_000) this.statements().touch.run(now, expiresAt, hash);
    return { session: { tokenHash: hash, userId: row.id, expiresAt, endsAt: row.sCreatedAt + ABSOLUTE_LIFETIME_MS }, me: toMe(row) };
  }

  /**
   * Whether a token's session is still open, and whose it is, without counting as activity
   * (events pushed to a window must not keep its session alive).
   */
  peek(token: string | null): { userId: string; me: Me } | null {
    const found = this.lookUp(token, this.s.now());
    return found?.usable ? { userId: found.row.id, me: toMe(found.row) } : null;
  }

  private prepared: { find: Statement; remove: Statement; touch: Statement } | null = null;

  private statements() {
    this.prepared ??= {
      find: this.s.raw.prepare(
        `SELECT u.id, u.created_at AS createdAt, u.updated_at AS updatedAt, u.version, u.deleted_at AS deletedAt, u.login,
                u.display_name AS displayName, u.password_hash AS passwordHash, u.role, u.rights, u.language, u.person_id AS personId,
                u.active, u.session_locked AS sessionLocked, u.favourites, u.start_page AS startPage, u.scope,
                s.created_at AS sCreatedAt, s.last_seen_at AS sLastSeenAt, s.expires_at AS sExpiresAt
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
      ),
      remove: this.s.raw.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      touch: this.s.raw.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?'),
    };
    return this.prepared;
  }

  logout(tokenHash: string, userId: string): void {
    this.s.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    // The user's other windows on this session (tabs share the cookie) hear it and close their sockets.
    this.s.events.emit('session.ended', { reason: 'logout' }, { userId });
  }

  /**
   * Ends every session of a user (deactivated, or password reset by an administrator), but the
   * one named by `keepTokenHash` (an administrator changing their own password stays in).
   * Their windows learn it on their next call, which answers 'unauthenticated'.
   */
  endSessionsOf(userId: string, keepTokenHash: string | null = null): number {
    const sql = keepTokenHash ? 'DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?' : 'DELETE FROM sessions WHERE user_id = ?';
    const args = keepTokenHash ? [userId, keepTokenHash] : [userId];
    return this.s.raw.prepare(sql).run(...args).changes;
  }

  userOf(session: Session): UserRecord | undefined {
    return this.s.db.select().from(users).where(eq(users.id, session.userId)).get();
  }
}
