import { useRef, useState, type KeyboardEvent } from 'react';
import type { FieldConflictRow } from '../field-conflict-dialog';

/*
 * The editor of a versioned record (a client, a request type, an intervention): a draft against
 * the values it was opened with, the version it was based on, and the stale-version merge.
 * Someone else saved first: what only one side changed is merged (mine over theirs, nothing of
 * theirs lost) and saved again at once; what both changed to different values is put to the
 * user in the shared conflict dialog, field by field. Ctrl+S saves, Esc asks to leave.
 */

/** How an editor compares and combines its drafts: the fields that differ, and some fields of one taken into another. */
export interface DraftFields<F, K extends string> {
  changed: (a: F, b: F) => K[];
  take: (over: F, from: F, keys: readonly K[]) => F;
}

/** `over` with the fields `keys` copied from `from`, for drafts whose fields are their own keys. */
export function takeFlat<F extends object, K extends string & keyof F>(over: F, from: F, keys: readonly K[]): F {
  const out = { ...over };
  for (const k of keys) out[k] = from[k];
  return out;
}

/**
 * The stale-save merge, as a plain function: my changes over their fresh copy, and the fields
 * that clash (both changed them, to different values).
 */
export function mergeOverTheirs<F, K extends string>(d: DraftFields<F, K>, mine: F, base: F, theirs: F): { changed: K[]; merged: F; clashes: K[] } {
  const changed = d.changed(mine, base);
  const theirChanges = new Set(d.changed(theirs, base));
  const differ = new Set(d.changed(theirs, mine));
  return { changed, merged: d.take(theirs, mine, changed), clashes: changed.filter((k) => theirChanges.has(k) && differ.has(k)) };
}

/** The user's answer to the conflict dialog: per clashing field mine (true, the default) or theirs. */
export function resolveClashes<F, K extends string>(d: DraftFields<F, K>, mine: F, theirs: F, changed: readonly K[], clashes: readonly K[], keepMine: Record<string, boolean>): F {
  return d.take(
    theirs,
    mine,
    changed.filter((k) => !clashes.includes(k) || keepMine[k] !== false),
  );
}

interface Options<F, K extends string, R> extends DraftFields<F, K> {
  /** Sends the draft; rejects with the call's error. */
  write: (form: F, base: F, version: number, changed: K[]) => Promise<R>;
  /** The stored values of a saved or fresh record. */
  formOf: (record: R) => F;
  versionOf: (record: R) => number;
  /** A save was refused as stale: the record as stored now, or null when it is gone. */
  fetchFresh: () => Promise<R | null>;
  /** Whether a refusal means "someone else saved first". */
  isStale: (error: unknown) => boolean;
  /** A clashing field as the conflict dialog shows it, each side as a person reads it. */
  conflictRow: (key: K, mine: F, theirs: F) => FieldConflictRow;
  onSaved: (record: R) => void;
  /** Any other refusal (the editor shows it its own way). */
  onError: (error: unknown, form: F) => void;
}

export function useVersionedEditor<F extends object, K extends string, R>(initial: () => F, initialVersion: number, o: Options<F, K, R>) {
  const [base, setBase] = useState<F>(initial);
  const [form, setForm] = useState<F>(base);
  const [version, setVersion] = useState(initialVersion);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ rows: FieldConflictRow[]; mine: F; fresh: R; changed: K[]; clashes: K[] } | null>(null);
  const busy = useRef(false);
  const dirty = o.changed(form, base).length > 0;

  /** Starts again from a stored record (opened, saved, or changed by someone else). */
  const reset = (record: R) => {
    const next = o.formOf(record);
    setBase(next);
    setForm(next);
    setVersion(o.versionOf(record));
  };

  /** Saves the draft (or the given merge over `on`'s values); the saved record, or null. */
  async function save(draft: F = form, on: { base: F; version: number } = { base, version }): Promise<R | null> {
    if (busy.current) return null;
    busy.current = true;
    setSaving(true);
    const changed = o.changed(draft, on.base);
    try {
      const saved = await o.write(draft, on.base, on.version, changed);
      reset(saved);
      o.onSaved(saved);
      return saved;
    } catch (e) {
      if (!o.isStale(e)) {
        o.onError(e, draft);
        return null;
      }
      const fresh = await o.fetchFresh();
      if (!fresh) {
        o.onError(e, draft);
        return null;
      }
      const theirs = o.formOf(fresh);
      const { merged, clashes } = mergeOverTheirs(o, draft, on.base, theirs);
      setBase(theirs);
      setVersion(o.versionOf(fresh));
      if (clashes.length === 0) {
        setForm(merged);
        busy.current = false;
        return save(merged, { base: theirs, version: o.versionOf(fresh) });
      }
      setForm(draft);
      setConflict({ rows: clashes.map((k) => o.conflictRow(k, draft, theirs)), mine: draft, fresh, changed, clashes });
      return null;
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }

  /** The conflict dialog's answer: merged as chosen, saved over the fresh version. */
  function resolve(keepMine: Record<string, boolean>) {
    if (!conflict) return;
    const theirs = o.formOf(conflict.fresh);
    const merged = resolveClashes(o, conflict.mine, theirs, conflict.changed, conflict.clashes, keepMine);
    setConflict(null);
    setForm(merged);
    void save(merged, { base: theirs, version: o.versionOf(conflict.fresh) });
  }

  /** Ctrl+S saves; Esc (outside an open list) asks to leave: `onEscape` decides, knowing whether anything is unsaved. */
  const keys =
    (onSave: () => void, onEscape: (unsaved: boolean, target: HTMLElement) => void) =>
    (e: KeyboardEvent<HTMLElement>) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        e.stopPropagation();
        onSave();
      } else if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
        e.preventDefault();
        e.stopPropagation();
        onEscape(dirty, e.target as HTMLElement);
      }
    };

  return { base, form, setForm, version, setVersion, setBase, saving, dirty, conflict, cancelConflict: () => setConflict(null), save, resolve, reset, keys };
}
