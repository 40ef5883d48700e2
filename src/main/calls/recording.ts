import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { RecordingRow, RecordingStatus, recordingsListInput } from '../../shared/api/recordings';
import type { Settings } from '../../shared/api/settings';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import type { Download } from '../core/handler';
import { auditEvent } from '../core/unit';
import type { FileStore } from '../files/file-store';

/*
 * Recorded conversations, main's side. The softphone sends the recorder's bytes every second,
 * numbered; each chunk is appended to the recording's own file and flushed to disk before it is
 * acknowledged, so a crash of the page (or of the app) loses at most the last second. When the
 * call ends the file is stored by its sha256 (files/file-store.ts); a recording whose page went
 * silent is closed the same way by the sweep, as "interrupted", with what arrived.
 */

/** A recording that sent nothing (not even its heartbeat) for this long lost its page. */
export const SILENT_MS = 10_000;

const ROW_SQL = `SELECT r.id, r.call_id AS callId, c.direction, c.number, cl.name AS clientName, u.display_name AS operator,
    r.started_at AS startedAt, r.ended_at AS endedAt, r.duration_ms AS durationMs, r.size_bytes AS sizeBytes, r.sha256, r.status, r.user_id AS userId,
    sc.score, sc.passed, r.provisional
  FROM recordings r JOIN calls c ON c.id = r.call_id LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN users u ON u.id = r.user_id
  LEFT JOIN recording_scores sc ON sc.recording_id = r.id`;

type Row = Omit<RecordingRow, 'pauses' | 'passed' | 'provisional'> & { userId: string; passed: number | null; provisional: number };

/**
 * How long after its call a provisional recording waits for the call's intervention to get a
 * request type whose calls are recorded (the operator usually saves it during the call or just
 * after; a colleague may set the type later that hour). Past that, it is deleted.
 */
const PROVISIONAL_MS = 60 * 60_000;

/** A type whose calls are recorded: its own flag or an ancestor's (the hierarchy is 3 levels deep). */
const RECORDED_TYPE_SQL = `WITH RECURSIVE chain(id, parent_id, record_calls) AS (
    SELECT id, parent_id, record_calls FROM request_types WHERE id = ?
    UNION ALL SELECT t.id, t.parent_id, t.record_calls FROM request_types t JOIN chain ON t.id = chain.parent_id
  ) SELECT max(record_calls) FROM chain`;

export class Recordings {
  /** When each recording under way last sent something (Date.now(): it times the page, not the log). */
  private readonly alive = new Map<string, number>();

  constructor(
    private readonly s: ServiceContext,
    private readonly files: FileStore,
    private readonly settings: () => Settings,
  ) {}

  private get dir(): string {
    return join(this.files.tempDir, 'recording');
  }

  private partPath(id: string): string {
    return join(this.dir, `${id}.webm`);
  }

  /**
   * Whether this operator's calls are recorded: by the settings, or provisionally when some
   * request types' calls are (which type a call is about is known only once its intervention is).
   */
  wanted(userId: string): 'yes' | 'provisional' | 'no' {
    const st = this.settings();
    if (st.recordCalls === 'all' || (st.recordCalls === 'users' && st.recordUsers.includes(userId))) return 'yes';
    const byType = this.s.raw.prepare('SELECT 1 FROM request_types WHERE record_calls = 1 AND active = 1 AND deleted_at IS NULL LIMIT 1').get();
    return byType ? 'provisional' : 'no';
  }

  start(userId: string, callId: string, mimeType: string): { id: string } | null {
    const call = this.s.raw.prepare('SELECT user_id AS userId, answered_at AS answeredAt, ended_at AS endedAt FROM calls WHERE id = ?').get(callId) as
      | { userId: string; answeredAt: number | null; endedAt: number | null }
      | undefined;
    if (!call) throw new ApiError('not_found', `No call ${callId}.`);
    if (call.userId !== userId) throw new ApiError('forbidden', 'Only the operator on a call records it.');
    if (call.answeredAt === null || call.endedAt !== null) throw new ApiError('validation', 'Only a call under way (answered, not ended) is recorded.');
    const wanted = this.wanted(userId);
    if (wanted === 'no') return null;
    const have = this.s.raw.prepare('SELECT id FROM recordings WHERE call_id = ?').pluck().get(callId) as string | undefined;
    if (have) return { id: have };
    const id = uuidv7();
    mkdirSync(this.dir, { recursive: true });
    closeSync(openSync(this.partPath(id), 'wx'));
    this.s.raw
      .prepare("INSERT INTO recordings (id, call_id, user_id, mime_type, status, started_at, provisional) VALUES (?, ?, ?, ?, 'recording', ?, ?)")
      .run(id, callId, userId, mimeType, this.s.now(), wanted === 'provisional' ? 1 : 0);
    this.alive.set(id, Date.now());
    this.announce(callId);
    return { id };
  }

  /** Appends chunk `seq`; one already taken is acknowledged again, one out of order refused. */
  chunk(userId: string, id: string, seq: number, data: string): { sizeBytes: number } {
    const r = this.open(userId, id);
    this.alive.set(id, Date.now());
    const size = r.sizeBytes;
    if (seq < r.nextSeq) return { sizeBytes: size };
    if (seq > r.nextSeq) throw new ApiError('validation', `Chunk ${seq} came before chunk ${r.nextSeq}; send them in order.`);
    const bytes = Buffer.from(data, 'base64');
    if (bytes.byteLength > 0) {
      const fd = openSync(this.partPath(id), 'a');
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.s.raw.prepare('UPDATE recordings SET next_seq = ?, size_bytes = size_bytes + ? WHERE id = ?').run(seq + 1, bytes.byteLength, id);
    return { sizeBytes: size + bytes.byteLength };
  }

  pause(userId: string, id: string): RecordingRow {
    const r = this.open(userId, id);
    this.alive.set(id, Date.now());
    if (r.pausedAt === null) {
      const now = this.s.now();
      this.s.raw.transaction(() => {
        this.s.raw.prepare('UPDATE recordings SET paused_at = ? WHERE id = ?').run(now, id);
        this.s.raw.prepare('INSERT INTO recording_pauses (recording_id, paused_at, user_id) VALUES (?, ?, ?)').run(id, now, userId);
      })();
      this.announce(r.callId);
    }
    return this.get(id);
  }

  resume(userId: string, id: string): RecordingRow {
    const r = this.open(userId, id);
    this.alive.set(id, Date.now());
    if (r.pausedAt !== null) {
      const now = this.s.now();
      this.s.raw.transaction(() => {
        this.s.raw.prepare('UPDATE recordings SET paused_at = NULL, paused_ms = paused_ms + ? WHERE id = ?').run(Math.max(0, now - r.pausedAt!), id);
        this.s.raw.prepare('UPDATE recording_pauses SET resumed_at = ? WHERE recording_id = ? AND resumed_at IS NULL').run(now, id);
      })();
      this.announce(r.callId);
    }
    return this.get(id);
  }

  finish(userId: string, id: string): RecordingRow {
    const r = this.own(userId, id);
    if (r.status === 'recording') this.close(id, 'complete');
    return this.get(id);
  }

  /** Closes recordings whose page went silent (a crash, a closed window), with what they sent. */
  sweep(): number {
    const open = this.s.raw.prepare("SELECT id FROM recordings WHERE status = 'recording'").pluck().all() as string[];
    let n = 0;
    const now = Date.now();
    for (const id of open) {
      const last = this.alive.get(id);
      // One from before the app started has no page any more.
      if (last !== undefined && now - last < SILENT_MS) continue;
      this.close(id, 'interrupted');
      n++;
    }
    return n;
  }

  /**
   * Decides the provisional recordings of ended calls: kept (audited) once the call's intervention
   * is of a type whose calls are recorded; deleted (audited) when none is by PROVISIONAL_MS after.
   * Answers how many were kept and deleted.
   */
  settle(now: number = this.s.now()): { kept: number; deleted: number } {
    const waiting = this.s.raw
      .prepare(
        `SELECT r.id, r.sha256, r.call_id AS callId, coalesce(r.ended_at, r.started_at) AS endedAt, i.request_type_id AS typeId
         FROM recordings r JOIN calls c ON c.id = r.call_id LEFT JOIN interventions i ON i.id = c.intervention_id AND i.deleted_at IS NULL
         WHERE r.provisional = 1 AND r.status IN ('complete', 'interrupted')`,
      )
      .all() as { id: string; sha256: string | null; callId: string; endedAt: number; typeId: string | null }[];
    let kept = 0;
    let deleted = 0;
    for (const r of waiting) {
      const recorded = r.typeId !== null && (this.s.raw.prepare(RECORDED_TYPE_SQL).pluck().get(r.typeId) as number | null) === 1;
      if (recorded) {
        this.s.raw.transaction(() => {
          this.s.raw.prepare('UPDATE recordings SET provisional = 0 WHERE id = ?').run(r.id);
          auditEvent(this.s, null, 'recording.kept', 'recordings', r.id, { requestTypeId: r.typeId });
        })();
        kept++;
      } else if (now - r.endedAt >= PROVISIONAL_MS) {
        this.s.raw.transaction(() => {
          this.s.raw.prepare("UPDATE recordings SET status = 'deleted', deleted_at = ?, provisional = 0 WHERE id = ?").run(now, r.id);
          auditEvent(this.s, null, 'recording.discarded', 'recordings', r.id, { sha256: r.sha256, reason: 'request type not recorded' });
        })();
        if (r.sha256) this.files.remove(r.sha256);
        deleted++;
      } else continue;
      this.announce(r.callId);
    }
    return { kept, deleted };
  }

  /** Deletes recordings older than the retention period, each deletion audited; answers how many. */
  expire(): number {
    const cutoff = this.s.now() - this.settings().recordingRetentionDays * 86_400_000;
    const old = this.s.raw.prepare("SELECT id, sha256, call_id AS callId FROM recordings WHERE status IN ('complete', 'interrupted') AND started_at < ?").all(cutoff) as {
      id: string;
      sha256: string | null;
      callId: string;
    }[];
    for (const r of old) {
      this.s.raw.transaction(() => {
        this.s.raw.prepare("UPDATE recordings SET status = 'deleted', deleted_at = ? WHERE id = ?").run(this.s.now(), r.id);
        auditEvent(this.s, null, 'recording.expired', 'recordings', r.id, { sha256: r.sha256, retentionDays: this.settings().recordingRetentionDays });
      })();
      // Content-addressed, but a recording's bytes are its own: no other row refers to them.
      if (r.sha256) this.files.remove(r.sha256);
      this.announce(r.callId);
    }
    return old.length;
  }

  /** The audio of a recording the caller may hear; each playback and download audited. */
  audio(userId: string, allRights: boolean, id: string, save: boolean): Download {
    const r = this.readable(userId, allRights, id);
    if (r.status === 'recording') throw new ApiError('refused', 'The recording is still under way; it can be heard once the call ends.');
    if (r.status === 'deleted' || !r.sha256) throw new ApiError('not_found', 'The recording was deleted (retention period).');
    const path = this.files.pathOf(r.sha256);
    if (!existsSync(path)) throw new ApiError('not_found', 'The recording is missing from the store on this computer.');
    auditEvent(this.s, userId, save ? 'recording.download' : 'recording.play', 'recordings', id);
    const fileName = `call-${new Date(r.startedAt).toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${r.number.replace(/[^\d+]/g, '')}.webm`;
    return {
      path,
      fileName,
      headers: {
        'Content-Type': 'audio/webm',
        'Content-Disposition': `${save ? 'attachment' : 'inline'}; filename="${fileName}"`,
        'Cache-Control': 'private, no-store',
      },
    };
  }

  list(userId: string, allRights: boolean, q: z.output<typeof recordingsListInput>): { rows: RecordingRow[]; total: number } {
    const where = ["r.status <> 'deleted'"];
    const params: (string | number)[] = [];
    const f = q.filters;
    // Who may hear everyone's is decided here, not by the screen.
    if (!allRights) {
      where.push('r.user_id = ?');
      params.push(userId);
    } else if (f.userId) {
      where.push('r.user_id = ?');
      params.push(f.userId);
    }
    if (f.from !== undefined) {
      where.push('r.started_at >= ?');
      params.push(f.from);
    }
    if (f.to !== undefined) {
      where.push('r.started_at < ?');
      params.push(f.to);
    }
    if (f.client) {
      where.push("cl.name LIKE ? ESCAPE '\\'");
      params.push(`%${f.client.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    if (f.minDurationS !== undefined) {
      where.push('r.duration_ms >= ?');
      params.push(f.minDurationS * 1000);
    }
    if (f.maxDurationS !== undefined) {
      where.push('r.duration_ms <= ?');
      params.push(f.maxDurationS * 1000);
    }
    if (f.score === 'scored') where.push('sc.score IS NOT NULL');
    if (f.score === 'unscored') where.push('sc.score IS NULL');
    if (f.score === 'passed') where.push('sc.passed = 1');
    if (f.score === 'failed') where.push('sc.passed = 0');
    if (f.maxScore !== undefined) {
      where.push('sc.score <= ?');
      params.push(f.maxScore);
    }
    const sql = `${ROW_SQL} WHERE ${where.join(' AND ')}`;
    const rows = this.s.raw.prepare(`${sql} ORDER BY r.started_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
    const total = (this.s.raw.prepare(`SELECT count(*) AS n FROM (${sql})`).get(...params) as { n: number }).n;
    return { rows: rows.map((r) => this.withPauses(r)), total };
  }

  /** Whose recordings the caller may hear, by name: everyone's who has one, or only their own. */
  operators(userId: string, allRights: boolean): { id: string; name: string }[] {
    return this.s.raw
      .prepare(
        `SELECT u.id, u.display_name AS name FROM users u
         WHERE EXISTS (SELECT 1 FROM recordings r WHERE r.user_id = u.id AND r.status <> 'deleted') AND (? OR u.id = ?)
         ORDER BY u.display_name, u.id`,
      )
      .all(allRights ? 1 : 0, userId) as { id: string; name: string }[];
  }

  /** One recording the caller may hear (their own, or anyone's with the right to review). */
  visible(userId: string, allRights: boolean, id: string): RecordingRow {
    return this.withPauses(this.readable(userId, allRights, id));
  }

  forCall(userId: string, allRights: boolean, callId: string): RecordingRow | null {
    const id = this.s.raw.prepare("SELECT id FROM recordings WHERE call_id = ? AND status <> 'deleted'").pluck().get(callId) as string | undefined;
    if (!id) return null;
    return this.withPauses(this.readable(userId, allRights, id));
  }

  get(id: string): RecordingRow {
    return this.withPauses(this.row(id));
  }

  private row(id: string): Row {
    const r = this.s.raw.prepare(`${ROW_SQL} WHERE r.id = ?`).get(id) as Row | undefined;
    if (!r) throw new ApiError('not_found', `No recording ${id}.`);
    return r;
  }

  private withPauses(r: Row): RecordingRow {
    const pauses = this.s.raw.prepare('SELECT paused_at AS pausedAt, resumed_at AS resumedAt FROM recording_pauses WHERE recording_id = ? ORDER BY paused_at').all(r.id) as RecordingRow['pauses'];
    const { userId: _owner, passed, provisional, ...rest } = r;
    return { ...rest, passed: passed === null ? null : passed === 1, provisional: provisional === 1, pauses };
  }

  /** A recording the caller may hear: their own, or anyone's with the right to review them all. */
  private readable(userId: string, allRights: boolean, id: string): Row {
    const r = this.row(id);
    // Someone else's recording is as unknown to an operator as one that does not exist.
    if (!allRights && r.userId !== userId) throw new ApiError('not_found', `No recording ${id}.`);
    return r;
  }

  private own(userId: string, id: string): Row & { nextSeq: number; pausedAt: number | null } {
    const r = this.s.raw
      .prepare(`SELECT r.id, r.call_id AS callId, r.user_id AS userId, r.status, r.next_seq AS nextSeq, r.size_bytes AS sizeBytes, r.paused_at AS pausedAt FROM recordings r WHERE r.id = ?`)
      .get(id) as (Row & { nextSeq: number; pausedAt: number | null }) | undefined;
    if (!r) throw new ApiError('not_found', `No recording ${id}.`);
    if (r.userId !== userId) throw new ApiError('forbidden', 'Only the operator who records a call sends its recording.');
    return r;
  }

  private open(userId: string, id: string): Row & { nextSeq: number; pausedAt: number | null } {
    const r = this.own(userId, id);
    if (r.status !== 'recording') throw new ApiError('refused', 'The recording has ended.');
    return r;
  }

  /** Stores the file by its hash and closes the row: its duration leaves out the pauses. */
  private close(id: string, status: Extract<RecordingStatus, 'complete' | 'interrupted'>): void {
    const part = this.partPath(id);
    const r = this.s.raw.prepare('SELECT started_at AS startedAt, paused_at AS pausedAt, paused_ms AS pausedMs, call_id AS callId FROM recordings WHERE id = ?').get(id) as {
      startedAt: number;
      pausedAt: number | null;
      pausedMs: number;
      callId: string;
    };
    const now = this.s.now();
    const pausedMs = r.pausedMs + (r.pausedAt !== null ? Math.max(0, now - r.pausedAt) : 0);
    let sha256: string | null = null;
    let size = 0;
    if (existsSync(part) && statSync(part).size > 0) ({ sha256, size } = this.files.adopt(part));
    else rmSync(part, { force: true });
    this.s.raw.transaction(() => {
      this.s.raw
        .prepare('UPDATE recordings SET status = ?, ended_at = ?, duration_ms = ?, paused_at = NULL, paused_ms = ?, sha256 = ?, size_bytes = ? WHERE id = ?')
        .run(status, now, Math.max(0, now - r.startedAt - pausedMs), pausedMs, sha256, size, id);
      this.s.raw.prepare('UPDATE recording_pauses SET resumed_at = ? WHERE recording_id = ? AND resumed_at IS NULL').run(now, id);
    })();
    this.alive.delete(id);
    this.announce(r.callId);
  }

  private announce(callId: string): void {
    this.s.events.emit('data.changed', { capability: 'calls', ids: [callId] });
  }
}
