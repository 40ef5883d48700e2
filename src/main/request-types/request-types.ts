import { and, eq, isNull } from 'drizzle-orm';
import { requestTypes } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { createRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';

export type RequestTypeRow = typeof requestTypes.$inferSelect;
type NewRequestType = Omit<typeof requestTypes.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt' | 'depth'>;

/** Users know three levels (Classification 1/2/3); deeper types still work but group under level 3. */
export const MAX_DEPTH = 3;

function live(s: ServiceContext, id: string): RequestTypeRow | undefined {
  return s.db.select().from(requestTypes).where(and(eq(requestTypes.id, id), isNull(requestTypes.deletedAt))).get();
}

export function createRequestType(s: ServiceContext, actor: Actor, values: NewRequestType): RequestTypeRow {
  let depth = 1;
  if (values.parentId) {
    const parent = live(s, values.parentId);
    if (!parent) throw new ApiError('validation', 'The parent request type does not exist.', [{ path: 'parentId', message: 'unknown' }]);
    depth = parent.depth + 1;
    if (depth > MAX_DEPTH) throw new ApiError('validation', `Request types go at most ${MAX_DEPTH} levels deep.`, [{ path: 'parentId', message: 'too deep' }]);
  }
  return createRecord(s, actor, requestTypes, { ...values, depth });
}

/**
 * The type's ancestors by level, itself included: what an intervention stores as class1/2/3
 * so that grouping by a classification level needs no tree walk.
 */
export function classificationOf(s: ServiceContext, requestTypeId: string): { class1Id: string | null; class2Id: string | null; class3Id: string | null } {
  const chain: RequestTypeRow[] = [];
  let current = live(s, requestTypeId);
  if (!current) throw new ApiError('validation', 'The request type does not exist.', [{ path: 'requestTypeId', message: 'unknown' }]);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parentId ? live(s, current.parentId) : undefined;
  }
  return { class1Id: chain[0]?.id ?? null, class2Id: chain[1]?.id ?? null, class3Id: chain[2]?.id ?? null };
}
