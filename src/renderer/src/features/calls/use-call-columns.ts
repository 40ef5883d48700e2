import { useState } from 'react';
import { CALL_COLUMNS, type CallColumn } from '../../../../shared/api/call-log';
import { DEFAULT_CALL_COLUMNS } from './call-columns';

const key = (userId: string) => `cc.calls.columns:${userId}`;

/** The saved choice, kept only where every name is still a column (a newer or older app may differ). */
function load(userId: string): CallColumn[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? 'null');
    if (Array.isArray(saved) && saved.length > 0 && saved.every((c) => (CALL_COLUMNS as readonly unknown[]).includes(c))) return [...new Set(saved as CallColumn[])];
  } catch {
    // A broken entry is the default.
  }
  return [...DEFAULT_CALL_COLUMNS];
}

/**
 * The call log's columns each user shows, in their order; kept on this workstation (as the
 * softphone's own preferences), so a supervisor's wide layout is not an operator's.
 */
export function useCallColumns(userId: string) {
  const [columns, setColumns] = useState<CallColumn[]>(() => load(userId));
  const save = (next: CallColumn[]) => {
    setColumns(next);
    localStorage.setItem(key(userId), JSON.stringify(next));
  };
  return {
    columns,
    toggle: (c: CallColumn) => {
      if (!columns.includes(c)) {
        // Shown again after the shown column that precedes it by default.
        const before = CALL_COLUMNS.slice(0, CALL_COLUMNS.indexOf(c)).filter((x) => columns.includes(x)).at(-1);
        const at = before === undefined ? 0 : columns.indexOf(before) + 1;
        save([...columns.slice(0, at), c, ...columns.slice(at)]);
      }
      // The last column stays: a log with none would show nothing to choose from.
      else if (columns.length > 1) save(columns.filter((x) => x !== c));
    },
    move: (c: CallColumn, by: -1 | 1) => {
      const i = columns.indexOf(c);
      const j = i + by;
      if (i < 0 || j < 0 || j >= columns.length) return;
      const next = [...columns];
      [next[i], next[j]] = [next[j]!, next[i]!];
      save(next);
    },
    reset: () => {
      localStorage.removeItem(key(userId));
      setColumns([...DEFAULT_CALL_COLUMNS]);
    },
  };
}
