import { correspondenceRegister } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { createRecord } from '../core/records';
import { registerEntriesById } from './messages';
import type { Actor, ServiceContext } from '../core/context';
import type { RegisterEntry } from '../../shared/api/thread';
import { unitOfWork } from '../core/unit';
import { checkWorkingPeriod } from '../numbering/working-periods';
import { takeNumber } from '../numbering/series';

/*
 * The correspondence register: incoming and outgoing documents with their own numbering (the
 * active 'register' series), a date in the open working period, the other party, a subject and
 * optionally the document's file. An intervention links to an entry through a message.
 */

export interface RegisterQuery {
  query: string | null;
  from: string | null;
  to: string | null;
  direction: 'in' | 'out' | null;
  limit: number;
}

/** Newest first; the query matches the number, the party or the subject, ignoring case. */
export function listRegister(s: ServiceContext, q: RegisterQuery): RegisterEntry[] {
  const where = ['r.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (q.query) {
    const like = `%${q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("(lower(r.number) LIKE ? ESCAPE '\\' OR lower(r.party) LIKE ? ESCAPE '\\' OR lower(r.subject) LIKE ? ESCAPE '\\')");
    params.push(like, like, like);
  }
  if (q.from) {
    where.push('r.date >= ?');
    params.push(q.from);
  }
  if (q.to) {
    where.push('r.date <= ?');
    params.push(q.to);
  }
  if (q.direction) {
    where.push('r.direction = ?');
    params.push(q.direction);
  }
  const ids = s.raw
    .prepare(`SELECT r.id FROM correspondence_register r WHERE ${where.join(' AND ')} ORDER BY r.date DESC, r.created_at DESC LIMIT ?`)
    .pluck()
    .all(...params, q.limit) as string[];
  const byId = registerEntriesById(s, ids);
  return ids.map((id) => byId.get(id)).filter((e): e is RegisterEntry => e !== undefined);
}

export function getRegisterEntry(s: ServiceContext, id: string): RegisterEntry {
  const entry = registerEntriesById(s, [id]).get(id);
  const live = s.raw.prepare('SELECT 1 FROM correspondence_register WHERE id = ? AND deleted_at IS NULL').get(id);
  if (!entry || !live) throw new ApiError('not_found', 'The register entry does not exist.');
  return entry;
}

export interface NewRegisterEntry {
  date: string;
  direction: 'in' | 'out';
  party: string;
  subject: string;
  attachmentId: string | null;
}

/** Numbers the entry from the active register series, inside the transaction that saves it. */
export function createRegisterEntry(s: ServiceContext, actor: Actor, input: NewRegisterEntry): RegisterEntry {
  const id = unitOfWork(s, actor, () => {
      try {
        checkWorkingPeriod(s, input.date);
      } catch (e) {
        if (e instanceof ApiError) throw new ApiError(e.code, e.message, [{ path: 'date', message: 'outside the open working period' }]);
        throw e;
      }
      if (input.attachmentId && !s.raw.prepare('SELECT 1 FROM attachments WHERE id = ? AND deleted_at IS NULL').get(input.attachmentId)) {
        throw new ApiError('validation', 'The attached file does not exist.', [{ path: 'attachmentId', message: 'the file does not exist' }]);
      }
      const series = s.raw
        .prepare("SELECT id, prefix FROM series WHERE doc_type = 'register' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1")
        .get() as { id: string; prefix: string } | undefined;
      if (!series) {
        throw new ApiError('validation', 'There is no active series for the correspondence register; an administrator can add one.', [{ path: 'number', message: 'no register series' }]);
      }
      let n: number;
      try {
        n = takeNumber(s, series.id);
      } catch (e) {
        if (e instanceof ApiError) throw new ApiError(e.code, e.message, [{ path: 'number', message: e.issues?.[0]?.message ?? 'series' }]);
        throw e;
      }
      return createRecord(s, actor, correspondenceRegister, {
        number: `${series.prefix}${series.prefix ? '-' : ''}${n}`,
        date: input.date,
        direction: input.direction,
        party: input.party,
        subject: input.subject,
        attachmentId: input.attachmentId,
      }).id;
    });
  return getRegisterEntry(s, id);
}
