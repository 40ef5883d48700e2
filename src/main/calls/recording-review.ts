import { v7 as uuidv7 } from 'uuid';
import type { RecordingNote, RecordingReview, RecordingScore } from '../../shared/api/recordings';
import { weightedScore } from '../../shared/domain/scorecard';
import type { Settings } from '../../shared/api/settings';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import { auditEvent } from '../core/unit';
import type { Recordings } from './recording';

/*
 * A supervisor's review of a recorded call: notes at moments of it, and a quality score against
 * the scorecard in the settings. Reviewing is the `recordings` write right (main checks it, and
 * that the recording is one the reviewer may hear); the operator sees the review of their own
 * calls, which is what coaching is for.
 */

export class RecordingReviews {
  constructor(
    private readonly s: ServiceContext,
    private readonly recordings: Recordings,
    private readonly settings: () => Settings,
  ) {}

  review(userId: string, allRights: boolean, id: string): RecordingReview {
    const recording = this.recordings.visible(userId, allRights, id);
    return { recording, notes: this.notes(userId, id), score: this.score(id), scorecard: this.settings().scorecard, canReview: allRights };
  }

  addNote(userId: string, id: string, atMs: number, text: string): RecordingNote {
    const r = this.recordings.visible(userId, true, id);
    if (r.durationMs !== null && atMs > r.durationMs + 1000) throw new ApiError('validation', 'The note is placed after the end of the recording.', [{ path: 'atMs', message: 'after the end' }]);
    const noteId = uuidv7();
    const now = this.s.now();
    this.s.raw.transaction(() => {
      this.s.raw.prepare('INSERT INTO recording_notes (id, recording_id, user_id, at_ms, text, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(noteId, id, userId, atMs, text, now);
      auditEvent(this.s, userId, 'recording.note', 'recordings', id, { atMs });
    })();
    this.changed(r.callId);
    return this.notes(userId, id).find((n) => n.id === noteId)!;
  }

  deleteNote(userId: string, noteId: string): null {
    const note = this.s.raw.prepare('SELECT n.user_id AS userId, n.recording_id AS recordingId, r.call_id AS callId FROM recording_notes n JOIN recordings r ON r.id = n.recording_id WHERE n.id = ?').get(noteId) as
      | { userId: string; recordingId: string; callId: string }
      | undefined;
    if (!note) throw new ApiError('not_found', 'The note was already removed.');
    if (note.userId !== userId) throw new ApiError('forbidden', 'Only the note\'s author removes it.');
    this.s.raw.transaction(() => {
      this.s.raw.prepare('DELETE FROM recording_notes WHERE id = ?').run(noteId);
      auditEvent(this.s, userId, 'recording.note.delete', 'recordings', note.recordingId, { noteId });
    })();
    this.changed(note.callId);
    return null;
  }

  /** Scores against the current scorecard; every criterion must be rated, and nothing else. */
  scoreRecording(userId: string, id: string, given: Record<string, number>, comment: string): RecordingScore {
    const r = this.recordings.visible(userId, true, id);
    if (r.status === 'recording') throw new ApiError('refused', 'The call is still being recorded: score it once it ends.');
    const card = this.settings().scorecard;
    const issues = [
      ...card.criteria.filter((c) => given[c.id] === undefined).map((c) => ({ path: `ratings.${c.id}`, message: `"${c.label}" is not rated` })),
      ...Object.keys(given)
        .filter((k) => !card.criteria.some((c) => c.id === k))
        .map((k) => ({ path: `ratings.${k}`, message: 'not a criterion of the scorecard (it changed: reload)' })),
    ];
    if (issues.length > 0) throw new ApiError('validation', issues.map((i) => i.message).join('; '), issues);
    const ratings = card.criteria.map((c) => ({ ...c, rating: given[c.id]! }));
    const score = weightedScore(ratings);
    const passed = score >= card.passMark;
    const now = this.s.now();
    this.s.raw.transaction(() => {
      this.s.raw
        .prepare(
          `INSERT INTO recording_scores (recording_id, user_id, ratings, score, pass_mark, passed, comment, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (recording_id) DO UPDATE SET user_id = excluded.user_id, ratings = excluded.ratings, score = excluded.score,
             pass_mark = excluded.pass_mark, passed = excluded.passed, comment = excluded.comment, scored_at = excluded.scored_at`,
        )
        .run(id, userId, JSON.stringify(ratings), score, card.passMark, passed ? 1 : 0, comment, now);
      auditEvent(this.s, userId, 'recording.score', 'recordings', id, { score, passed });
    })();
    this.changed(r.callId);
    return this.score(id)!;
  }

  private notes(userId: string, id: string): RecordingNote[] {
    const rows = this.s.raw
      .prepare(
        `SELECT n.id, n.at_ms AS atMs, n.text, u.display_name AS author, n.created_at AS createdAt, n.user_id AS userId
         FROM recording_notes n LEFT JOIN users u ON u.id = n.user_id WHERE n.recording_id = ? ORDER BY n.at_ms, n.created_at, n.id`,
      )
      .all(id) as (Omit<RecordingNote, 'own'> & { userId: string })[];
    return rows.map(({ userId: author, ...n }) => ({ ...n, own: author === userId }));
  }

  private score(id: string): RecordingScore | null {
    const row = this.s.raw
      .prepare(
        `SELECT s.ratings, s.score, s.pass_mark AS passMark, s.passed, s.comment, u.display_name AS scorer, s.scored_at AS scoredAt
         FROM recording_scores s LEFT JOIN users u ON u.id = s.user_id WHERE s.recording_id = ?`,
      )
      .get(id) as (Omit<RecordingScore, 'ratings' | 'passed'> & { ratings: string; passed: number }) | undefined;
    if (!row) return null;
    return { ...row, ratings: JSON.parse(row.ratings) as RecordingScore['ratings'], passed: row.passed === 1 };
  }

  private changed(callId: string): void {
    this.s.events.emit('data.changed', { capability: 'calls', ids: [callId] });
  }
}
