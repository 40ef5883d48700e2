import { useRef, useState } from 'react';

/** Nothing open, a new record (id null), or an existing one; `seq` tells apart two openings of the same. */
type Open = { id: string | null; seq: number } | null;

interface Versioned {
  id: string;
  version: number;
}

/** What every list page hands its editor. */
export interface EditorProps<R> {
  /** The record in the editor; null for a new one. */
  row: R | null;
  canWrite: boolean;
  onClose: () => void;
  /** The stored record after a save (the editor stays on it), null after a delete (it closes). */
  onSaved: (saved: R | null) => void;
  onConflict: () => void;
}

/**
 * Which record of a list is open in the editor beside it. The record is looked up in the list
 * each render, so a save elsewhere (sync, another window) reaches the editor: its key changes
 * with the version and the editor starts again from the stored values.
 */
export function useOpenRecord<R extends Versioned>(rows: readonly R[] | null, reload: () => void) {
  const [open, setOpen] = useState<Open>(null);
  const seq = useRef(0);
  const openId = open?.id ?? null;
  const row = openId ? (rows?.find((r) => r.id === openId) ?? null) : null;
  const editorProps: Omit<EditorProps<R>, 'canWrite'> = {
    row,
    onClose: () => setOpen(null),
    onConflict: reload,
    onSaved: (saved) => {
      reload();
      setOpen(saved ? { id: saved.id, seq: open?.seq ?? 0 } : null);
    },
  };
  return {
    openId,
    /** A new record, or an existing one still in the list (a deleted one closes its editor). */
    shown: open !== null && (open.id === null || row !== null),
    key: `${open?.seq ?? 0}:${row?.version ?? 0}`,
    openNew: () => setOpen({ id: null, seq: ++seq.current }),
    openRow: (r: R) => setOpen({ id: r.id, seq: ++seq.current }),
    editorProps,
  };
}

export type OpenRecord<R extends Versioned> = ReturnType<typeof useOpenRecord<R>>;
