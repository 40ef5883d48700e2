import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';

/*
 * Unread messages, per user: a message is unread for a user when someone else wrote it (the
 * system's own notes do not count), after the user's account was made (a new colleague does not
 * inherit years of backlog), after users.reads_since (what existed when unread marks came to the
 * database, or the demo's start) and after how far the user read that thread (message_reads).
 * The grid shows the count per row and filters on it.
 */

/**
 * SQL true when message `m` of the intervention `thread` (an SQL reference) is unread. The
 * floor (account made, read mark) is one value per thread, so the messages' (intervention, at)
 * index seeks past it. Parameters: person, user, user.
 */
const unread = (thread: string) => `m.deleted_at IS NULL AND m.kind <> 'system' AND m.person_id IS NOT ?
  AND m.at > max((SELECT max(u.created_at, coalesce(u.reads_since, 0)) FROM users u WHERE u.id = ?),
                 coalesce((SELECT r.read_up_to FROM message_reads r WHERE r.user_id = ? AND r.intervention_id = ${thread}), 0))`;

export interface Reader {
  userId: string;
  personId: string | null;
}

/** How many of intervention `i`'s messages are unread for the reader (a grid row's badge); its parameters are `unreadCountParams`. */
export const UNREAD_COUNT_SQL = `(SELECT count(*) FROM intervention_messages m WHERE m.intervention_id = i.id AND ${unread('i.id')})`;
export const unreadCountParams = (reader: Reader): [string | null, string, string] => [reader.personId, reader.userId, reader.userId];

/**
 * True for an intervention `i` with unread messages (the grid's filter): only messages since the
 * account was made (and reads_since) are read, by the messages' date index. Its parameters are `hasUnreadParams`.
 */
export const HAS_UNREAD_SQL = `i.id IN (SELECT m.intervention_id FROM intervention_messages m WHERE m.at > (SELECT max(u.created_at, coalesce(u.reads_since, 0)) FROM users u WHERE u.id = ?) AND ${unread('m.intervention_id')})`;
export const hasUnreadParams = (reader: Reader): [string, string | null, string, string] => [reader.userId, reader.personId, reader.userId, reader.userId];

/**
 * The reader has seen the thread up to `upTo` (the newest message the screen showed): the mark
 * only moves forward. True when it moved (the grid's badges change then).
 */
export function markRead(s: ServiceContext, reader: Reader, interventionId: string, upTo: number): boolean {
  if (!s.raw.prepare('SELECT 1 FROM interventions WHERE id = ? AND deleted_at IS NULL').get(interventionId)) throw new ApiError('not_found', 'The intervention does not exist.');
  const moved = s.raw
    .prepare(
      `INSERT INTO message_reads (user_id, intervention_id, read_up_to) VALUES (?, ?, ?)
       ON CONFLICT (user_id, intervention_id) DO UPDATE SET read_up_to = excluded.read_up_to WHERE excluded.read_up_to > read_up_to`,
    )
    .run(reader.userId, interventionId, upTo).changes;
  // Only the reader's own windows care (their unread badges); nobody else's read marks are theirs to know.
  if (moved > 0) s.events.emit('data.changed', { capability: 'thread', ids: [interventionId] }, { userId: reader.userId });
  return moved > 0;
}
