import { and, asc, eq, isNull } from 'drizzle-orm';
import { savedViews } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { viewDefinition, type SavedView, type ViewDefinition } from '../../shared/grid/views';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import { unitOfWork } from '../core/unit';

type Row = typeof savedViews.$inferSelect;

function toView(row: Row): SavedView | null {
  try {
    const parsed = viewDefinition.safeParse(JSON.parse(row.definition));
    // A view saved by a newer version with fields this one does not know is left out, not broken.
    return parsed.success ? { id: row.id, version: row.version, name: row.name, definition: parsed.data, isDefault: row.isDefault } : null;
  } catch {
    return null;
  }
}

function own(s: ServiceContext, userId: string, id: string): Row {
  const row = s.db.select().from(savedViews).where(and(eq(savedViews.id, id), isNull(savedViews.deletedAt))).get();
  // Someone else's view is answered like a missing one: its existence is not theirs to know.
  if (!row || row.userId !== userId) throw new ApiError('not_found', 'That view does not exist.');
  return row;
}

/** A user's saved views of a module, by name. */
export function listViews(s: ServiceContext, userId: string, module: string): SavedView[] {
  return s.db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, userId), eq(savedViews.module, module), isNull(savedViews.deletedAt)))
    .orderBy(asc(savedViews.name))
    .all()
    .map(toView)
    .filter((v): v is SavedView => v !== null);
}

/** Saves a new view or replaces one (by id and version); one default per user and module. */
export function saveView(
  s: ServiceContext,
  actor: Actor & { userId: string },
  module: string,
  input: { id?: string | undefined; version?: number | undefined; name: string; definition: ViewDefinition; isDefault: boolean },
): SavedView {
  return unitOfWork(s, actor, () => {
      const views = listViews(s, actor.userId, module);
      const clash = views.find((v) => v.name.toLocaleLowerCase() === input.name.toLocaleLowerCase() && v.id !== input.id);
      if (clash) throw new ApiError('conflict', `A view named "${input.name}" already exists.`, [{ path: 'name', message: 'already used' }]);
      if (input.isDefault) {
        for (const v of views) if (v.isDefault && v.id !== input.id) updateRecord(s, actor, savedViews, v.id, v.version, { isDefault: false });
      }
      const values = { name: input.name, definition: JSON.stringify(input.definition), isDefault: input.isDefault };
      let row: Row;
      if (input.id) {
        const existing = own(s, actor.userId, input.id);
        if (input.version === undefined) throw new ApiError('validation', 'Say which version of the view you changed.', [{ path: 'version', message: 'required' }]);
        row = updateRecord(s, actor, savedViews, existing.id, input.version, values);
      } else {
        row = createRecord(s, actor, savedViews, { ...values, userId: actor.userId, module });
      }
      const view = toView(row);
      if (!view) throw new ApiError('internal', 'The view could not be read back.');
      return view;
    });
}

export function deleteView(s: ServiceContext, actor: Actor & { userId: string }, id: string, version: number): void {
  own(s, actor.userId, id);
  deleteRecord(s, actor, savedViews, id, version);
}
