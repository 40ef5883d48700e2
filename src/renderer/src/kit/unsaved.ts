/*
 * Which screens hold typed changes not yet saved. A form says so while it is dirty; the shell
 * asks before a keyboard shortcut would unmount it (Alt+digit switches module even while typing
 * in a field, so a keystroke must never throw an operator's work away).
 */
const dirty = new Set<string>();

/** Marks (or clears) the changes of one open screen, by a key of its own. */
export function markUnsaved(key: string, unsaved: boolean): void {
  if (unsaved) dirty.add(key);
  else dirty.delete(key);
}

export function hasUnsaved(): boolean {
  return dirty.size > 0;
}
