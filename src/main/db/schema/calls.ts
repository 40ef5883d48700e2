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

/**
 * A call's recording (both sides, one stereo WebM/Opus file: the operator left, the caller right).
 * While it runs its chunks are appended to a file of its own (a crash loses at most the last
 * second); when it ends the file is stored by its sha256 like any attachment (files/file-store.ts).
 */
export const recordings = sqliteTable(
  'recordings',
  {
    id: text('id').primaryKey(),
    callId: text('call_id').notNull().unique(),
    userId: text('user_id').notNull(),
    mimeType: text('mime_type').notNull(),
    status: text('status', { enum: ['recording', 'complete', 'interrupted', 'deleted'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
    /** Time recorded, pauses left out (main's clock). */
    durationMs: integer('duration_ms'),
    /** When the current pause began; null while recording. */
    pausedAt: integer('paused_at'),
    pausedMs: integer('paused_ms').notNull().default(0),
    /** The next chunk expected (chunks come numbered: one sent twice is taken once). */
    nextSeq: integer('next_seq').notNull().default(0),
    sizeBytes: integer('size_bytes').notNull().default(0),
    sha256: text('sha256'),
    deletedAt: integer('deleted_at'),
    /**
     * Recorded only because some request types' calls are: kept once the call's intervention
     * turns out to be of such a type, deleted (audited) if not by PROVISIONAL_MS after the call.
     */
    provisional: integer('provisional', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('recordings_started').on(t.startedAt), index('recordings_user').on(t.userId, t.startedAt), index('recordings_status').on(t.status)],
);

/** Each pause of a recording (a caller reading out card details), as the supervisor will see it. */
export const recordingPauses = sqliteTable(
  'recording_pauses',
  {
    recordingId: text('recording_id').notNull(),
    pausedAt: integer('paused_at').notNull(),
    resumedAt: integer('resumed_at'),
    userId: text('user_id').notNull(),
  },
  (t) => [index('recording_pauses_recording').on(t.recordingId, t.pausedAt)],
);

/** A reviewer's note at a moment of a recording ("02:14 did not confirm the address"). */
export const recordingNotes = sqliteTable(
  'recording_notes',
  {
    id: text('id').primaryKey(),
    recordingId: text('recording_id').notNull(),
    userId: text('user_id').notNull(),
    /** Where in the recording, in ms from its start. */
    atMs: integer('at_ms').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('recording_notes_recording').on(t.recordingId, t.atMs)],
);

/**
 * A recording's quality score: the reviewer's rating (0-5) of each criterion of the scorecard as
 * it was when scored (kept with the criteria, so a later change of the scorecard does not
 * rewrite old scores), the weighted total (0-100) and whether it reached the pass mark.
 */
export const recordingScores = sqliteTable(
  'recording_scores',
  {
    recordingId: text('recording_id').primaryKey(),
    userId: text('user_id').notNull(),
    /** JSON: [{ id, label, weight, rating }]. */
    ratings: text('ratings').notNull(),
    score: integer('score').notNull(),
    passMark: integer('pass_mark').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    comment: text('comment').notNull().default(''),
    scoredAt: integer('scored_at').notNull(),
  },
  (t) => [index('recording_scores_score').on(t.score)],
);
