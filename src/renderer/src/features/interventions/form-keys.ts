import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/*
 * The form's focus and the keys that work anywhere on it: Ctrl+S saves, Esc closes (asking first
 * when there are changes).
 */

/**
 * Focus the first field once the form is there: once per record (key: 'new' or the record's id,
 * null while loading), not on every change of it.
 */
export function useFirstFocus(rootRef: RefObject<HTMLDivElement | null>, focusKey: string | null): void {
  useEffect(() => {
    // A new record: typing starts in the client search. An opened one: the form itself, so the
    // keys work (Ctrl+S, Esc, Tab into the fields) without a client list popping open over it.
    if (focusKey === 'new') rootRef.current?.querySelector<HTMLInputElement>('[data-testid="ivf-field-client"]')?.focus();
    else if (focusKey) rootRef.current?.focus({ preventScroll: true });
  }, [rootRef, focusKey]);
}

/** Focus a field by its test id once React has drawn it (after a quick-add dialog closes). */
export function focusIn(rootRef: RefObject<HTMLDivElement | null>, testId: string): number {
  return requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus());
}

/** The form root's keydown: Ctrl+S → save, Esc → close (unless a list or a dialog has the key). */
export function formKeyDown(rootRef: RefObject<HTMLDivElement | null>, save: () => void, close: () => void) {
  return (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a dialog over the form (portaled, yet bubbling here through React) are the dialog's.
    if (!rootRef.current?.contains(e.target as Node)) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      e.stopPropagation();
      save();
    } else if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };
}
