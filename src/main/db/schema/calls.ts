import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/*
 * Telephony, kept on the workstation (not replicated yet: the call log joins the shared store
 * with the queues and live monitoring issue; a SIP password is sealed with this workstation's
 * key and could not be opened elsewhere anyway).
 */

/** A user's SIP account on this workstation. The password is sealed (core/secrets.ts), never read back out. */
export const sipAccounts = sqliteTable('sip_accounts', {
  userId: text('user_id').primaryKey(),
  wsUrl: text('ws_url').notNull(),
  sipUri: text('sip_uri').notNull(),
  authUser: text('auth_user').notNull(),
  /** The digest realm; the SIP URI's host when empty. */
  realm: text('realm').notNull().default(''),
  displayName: text('display_name').notNull().default(''),
  /** JSON array of ICE server URLs (stun:/turn:); none by default (no traffic to third parties). */
  iceServers: text('ice_servers').notNull().default('[]'),
  iceTimeoutMs: integer('ice_timeout_ms').notNull().default(1500),
  passwordSealed: text('password_sealed'),
  updatedAt: integer('updated_at').notNull(),
});

/** One call, inbound or outbound, as the operator's softphone saw it; times from main's clock. */
export const calls = sqliteTable(
  'calls',
  {
    id: text('id').primaryKey(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** The number as the other side presented it (caller ID) or as dialled. */
    number: text('number').notNull(),
    /** E.164 when it parses with the workstation's region. */
    e164: text('e164'),
    clientId: text('client_id'),
    contactPersonId: text('contact_person_id'),
    userId: text('user_id').notNull(),
    sipCallId: text('sip_call_id'),
    startedAt: integer('started_at').notNull(),
    answeredAt: integer('answered_at'),
    endedAt: integer('ended_at'),
    outcome: text('outcome', { enum: ['ringing', 'answered', 'missed', 'rejected', 'failed', 'transferred'] }).notNull(),
    interventionId: text('intervention_id'),
    /** A missed call someone dealt with (called back, or not needed). */
    handledAt: integer('handled_at'),
    handledBy: text('handled_by'),
  },
  (t) => [
    index('calls_started').on(t.startedAt),
    index('calls_client').on(t.clientId, t.startedAt),
    index('calls_intervention').on(t.interventionId),
    index('calls_missed').on(t.outcome, t.handledAt),
  ],
);
