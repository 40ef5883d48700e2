import { messageMentions } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import type { MentionItem, MentionsPage } from '../../shared/api/thread';
import { unitOfWork } from '../core/unit';

/*
 * The Mentions list: the messages that @mention the logged-in user's person, newest first.
 * A user not linked to a person of the personnel can be mentioned by nobody, so their list is empty.
 */

function unseenCount(s: ServiceContext, personId: string | null): number {
  if (!personId) return 0;
  return s.raw
    .prepare(
      `SELECT COUNT(*) FROM message_mentions mm JOIN interventions i ON i.id = mm.intervention_id
       WHERE mm.person_id = ? AND mm.seen_at IS NULL AND mm.deleted_at IS NULL AND i.deleted_at IS NULL`,
    )
    .pluck()
    .get(personId) as number;
}

export function listMentions(s: ServiceContext, personId: string | null, options: { unseenOnly: boolean; limit: number }): MentionsPage {
  if (!personId) return { items: [], unseen: 0 };
  const items = s.raw
    .prepare(
      `SELECT mm.id, mm.message_id AS messageId, mm.intervention_id AS interventionId, mm.seen_at AS seenAt,
              CASE WHEN i.valid = 1 AND i.number IS NOT NULL THEN COALESCE(se.prefix || '-', '') || i.number END AS interventionNumber,
              c.name AS clientName, m.at, p.name AS byName, m.body
       FROM message_mentions mm
       JOIN intervention_messages m ON m.id = mm.message_id AND m.deleted_at IS NULL
       JOIN interventions i ON i.id = mm.intervention_id AND i.deleted_at IS NULL
       LEFT JOIN series se ON se.id = i.series_id
       LEFT JOIN clients c ON c.id = i.client_id
       LEFT JOIN personnel p ON p.id = m.person_id
       WHERE mm.person_id = ? AND mm.deleted_at IS NULL ${options.unseenOnly ? 'AND mm.seen_at IS NULL' : ''}
       ORDER BY m.at DESC, mm.rowid DESC
       LIMIT ?`,
    )
    .all(personId, options.limit) as (Omit<MentionItem, 'interventionNumber' | 'clientName'> & { interventionNumber: string | number | null; clientName: string | null })[];
  return {
    items: items.map((r) => ({ ...r, interventionNumber: r.interventionNumber === null ? null : String(r.interventionNumber), clientName: r.clientName ?? '' })),
    unseen: unseenCount(s, personId),
  };
}

/**
 * Marks my mentions seen: the listed ones, or all. Someone else's mention is refused (not
 * silently skipped): the list only ever shows one's own.
 */
export function markMentionsSeen(s: ServiceContext, actor: Actor, personId: string | null, target: { ids: string[] } | { all: true }): MentionsPage {
  if (!personId) return { items: [], unseen: 0 };
  unitOfWork(s, actor, () => {
        const rows =
          'all' in target
            ? (s.raw.prepare('SELECT id, version, person_id AS personId, seen_at AS seenAt FROM message_mentions WHERE person_id = ? AND seen_at IS NULL AND deleted_at IS NULL').all(personId) as {
                id: string;
                version: number;
                personId: string;
                seenAt: number | null;
              }[])
            : target.ids.map((id) => {
                const row = s.raw.prepare('SELECT id, version, person_id AS personId, seen_at AS seenAt FROM message_mentions WHERE id = ? AND deleted_at IS NULL').get(id) as
                  | { id: string; version: number; personId: string; seenAt: number | null }
                  | undefined;
                if (!row || row.personId !== personId) throw new ApiError('not_found', 'That mention is not in your list.');
                return row;
              });
        const now = s.now();
        for (const r of rows) if (r.seenAt === null) updateRecord(s, actor, messageMentions, r.id, r.version, { seenAt: now }, 'seen');
      });
  return { items: [], unseen: unseenCount(s, personId) };
}
