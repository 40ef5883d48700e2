import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import './dense-list.css';

/** How far Page Up / Page Down move: about one screen of dense rows. */
const PAGE = 15;

interface Options<R> {
  rows: readonly R[];
  onOpen: (row: R) => void;
  /** Insert adds; the handler decides whether the user may. */
  onAdd?: (() => void) | undefined;
}

/**
 * The keyboard of a dense list (Clients, the administration lists): arrows, Page Up/Down,
 * Home/End move the cursor, Enter opens the row under it, Insert adds. The handler also takes
 * keys forwarded from a search box above the list, so moving gives the list the focus.
 */
export function useListCursor<R>({ rows, onOpen, onAdd }: Options<R>) {
  const [cursor, setCursor] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  // Keep the cursor row in view.
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const last = rows.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      setCursor(Math.max(0, Math.min(last, to)));
      listRef.current?.focus();
    };
    // Home and End typed in a search box move in its text, not in the list.
    const onList = e.target === listRef.current;
    switch (e.key) {
      case 'ArrowDown':
        return move(cursor + 1);
      case 'ArrowUp':
        return move(cursor - 1);
      case 'PageDown':
        return move(cursor + PAGE);
      case 'PageUp':
        return move(cursor - PAGE);
      case 'Home':
        return onList ? move(0) : undefined;
      case 'End':
        return onList ? move(last) : undefined;
      case 'Enter': {
        const row = rows[cursor];
        if (row) {
          e.preventDefault();
          onOpen(row);
        }
        return;
      }
      case 'Insert':
        if (onAdd) {
          e.preventDefault();
          onAdd();
        }
    }
  };

  /** A click puts the cursor on the row and the focus on the list, so the keys go on from there. */
  const pick = (i: number) => {
    setCursor(i);
    listRef.current?.focus();
  };

  return { cursor, setCursor, listRef, onKeyDown, pick };
}
