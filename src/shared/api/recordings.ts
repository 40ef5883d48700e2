import { z } from 'zod';
import { def, download } from './def';
import { read, write } from './permission';
import { id, text } from './primitives';
import { RATING_MAX } from '../domain/scorecard';
import type { Scorecard } from './settings';

/*
 * Recorded conversations. The operator's softphone records its own calls (the `calls` right) as
 * the recording settings say; listening is the `recordings` right: supervisors and administrators
 * hear everyone's, anyone else only their own (main decides, not the screen).
 */

export type RecordingStatus = 'recording' | 'complete' | 'interrupted' | 'deleted';

export interface RecordingRow {
  id: string;
  callId: string;
  direction: 'in' | 'out';
  number: string;
  clientName: string | null;
  operator: string | null;
  startedAt: number;
  endedAt: number | null;
  /** Time recorded, pauses left out. */
  durationMs: number | null;
  sizeBytes: number;
  sha256: string | null;
  status: RecordingStatus;
  pauses: { pausedAt: number; resumedAt: number | null }[];
  /** The quality score (0-100) and whether it passed; null until a supervisor scores it. */
  score: number | null;
  passed: boolean | null;
  /** Recorded because some request types' calls are: kept once its intervention is of such a type, else deleted an hour after the call. */
  provisional: boolean;
}

export interface RecordingNote {
  id: string;
  /** Where in the recording, ms from its start. */
  atMs: number;
  text: string;
  author: string | null;
  createdAt: number;
  /** Whether the caller wrote it (and may remove it). */
  own: boolean;
}

export interface RecordingScore {
  /** The scorecard's criteria as they were when scored, each with its rating. */
  ratings: { id: string; label: string; weight: number; rating: number }[];
  score: number;
  passMark: number;
  passed: boolean;
  comment: string;
  scorer: string | null;
  scoredAt: number;
}

export interface RecordingReview {
  recording: RecordingRow;
  notes: RecordingNote[];
  score: RecordingScore | null;
  /** The scorecard to score with now. */
  scorecard: Scorecard;
  /** Whether the caller may add notes and score (supervisors, administrators). */
  canReview: boolean;
}


/** A chunk of at most 1 MiB of the recorder's bytes, base64 (about 4.5 KB a second at 36 kbit/s). */
const chunkData = z
  .string()
  .max(1_400_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const recordingsListInput = z
  .object({
    filters: z
      .object({
        userId: id.optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        client: text(100).optional(),
        minDurationS: z.number().int().min(0).optional(),
        maxDurationS: z.number().int().min(0).optional(),
        /** Scored or not, passed or failed. */
        score: z.enum(['scored', 'unscored', 'passed', 'failed']).optional(),
        maxScore: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .default({}),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const recordingsMethods = {
  /**
   * The call was answered: a recording starts if the settings say this call is recorded. Null
   * when it is not (recording off, or not for this operator).
   */
  'recordings.start': def<{ id: string } | null>()(z.object({ callId: id, mimeType: text(100).pipe(z.string().regex(/^audio\/webm\b/, 'audio/webm')) }).strict(), write('calls')),
  /** The next chunk (numbered from 0; an empty one says the recorder is still alive). */
  'recordings.chunk': def<{ sizeBytes: number }>()(z.object({ id, seq: z.number().int().min(0), data: chunkData }).strict(), write('calls')),
  'recordings.pause': def<RecordingRow>()(z.object({ id }).strict(), write('calls')),
  'recordings.resume': def<RecordingRow>()(z.object({ id }).strict(), write('calls')),
  /** The call ended: the file is closed and stored by its hash. */
  'recordings.finish': def<RecordingRow>()(z.object({ id }).strict(), write('calls')),
  'recordings.list': def<{ rows: RecordingRow[]; total: number }>()(recordingsListInput, read('recordings')),
  /** The operators whose recordings the caller may hear (the review list's operator filter). */
  'recordings.operators': def<{ id: string; name: string }[]>()(z.object({}).strict(), read('recordings')),
  'recordings.forCall': def<RecordingRow | null>()(z.object({ callId: id }).strict(), read('recordings')),
  /** A recording with its notes and score, for the review screen. */
  'recordings.review': def<RecordingReview>()(z.object({ id }).strict(), read('recordings')),
  'recordings.note.add': def<RecordingNote>()(z.object({ id, atMs: z.number().int().min(0).max(24 * 3_600_000), text: text(2000).pipe(z.string().min(1, 'required')) }).strict(), write('recordings')),
  'recordings.note.delete': def<null>()(z.object({ noteId: id }).strict(), write('recordings')),
  /** Scores a recording against the current scorecard: every criterion rated. Scoring again replaces the score. */
  'recordings.score': def<RecordingScore>()(
    z
      .object({
        id,
        ratings: z.record(z.string().max(40), z.number().int().min(0).max(RATING_MAX)),
        comment: text(2000).default(''),
      })
      .strict(),
    write('recordings'),
  ),
};

export const recordingsStreams = {
  /** The audio, to play (audited as a playback) or to save (audited as a download). */
  'recordings.audio': download(z.object({ id, save: z.boolean().default(false) }).strict(), read('recordings')),
};
