import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { z } from 'zod';
import type { CallGroup, CallGrouping, CallRow, callFilters } from '../../../../shared/api/call-log';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';

export type CallFilters = z.input<typeof callFilters>;

/** What the log shows, line by line: a group's head, a call, or "show more" under a group or the list. */
export type LogLine = { kind: 'group'; group: CallGroup; open: boolean } | { kind: 'row'; row: CallRow } | { kind: 'more'; group: CallGroup | null; left: number };

const PAGE = 200;
const NULL_KEY = '\u0000';
const keyOf = (g: CallGroup) => g.key ?? NULL_KEY;

interface Opened {
  rows: CallRow[];
  total: number;
}

/**
 * The call log as lines, flat or grouped: the groups come with their counts from main, an open
 * group loads its own calls (newest first, a page at a time). A change to any call reloads what
 * is shown, as far as it was shown, keeping which groups are open.
 */
export function useCallLog(/** Memoised by the caller: a new object reloads. */ filters: CallFilters, by: CallGrouping | null, debounceMs: number) {
  const api = useApi();
  const [flat, setFlat] = useState<Opened | null>(null);
  const [groups, setGroups] = useState<CallGroup[] | null>(null);
  const [opened, setOpened] = useState<Map<string, Opened>>(new Map());
  const [error, setError] = useState<string | null>(null);
  // The zone's offset as the window opened (as the grid's views): days group by it.
  const [tzOffsetMinutes] = useState(() => -new Date().getTimezoneOffset());
  const fail = (e: unknown) => setError(toCallError(e).message);

  const loadGroup = useCallback(
    async (g: CallGroup, limit: number): Promise<Opened> => {
      const r = await api.call('calls.list', { filters: { ...filters, group: { by: by!, key: g.key } }, tzOffsetMinutes, limit, offset: 0 });
      return { rows: r.rows, total: r.total };
    },
    [api, filters, by, tzOffsetMinutes],
  );

  const load = useCallback(
    async (keep: { flat: number; opened: Map<string, Opened> } | null) => {
      try {
        if (by === null) {
          const r = await api.call('calls.list', { filters, tzOffsetMinutes, limit: Math.max(PAGE, keep?.flat ?? 0), offset: 0 });
          setFlat({ rows: r.rows, total: r.total });
          setGroups(null);
          setOpened(new Map());
        } else {
          const r = await api.call('calls.groups', { filters, by, tzOffsetMinutes });
          const next = new Map<string, Opened>();
          // Groups left open stay open (as far as they were shown) if they are still there.
          for (const g of r.groups) {
            const was = keep?.opened.get(keyOf(g));
            if (was) next.set(keyOf(g), await loadGroup(g, Math.max(PAGE, was.rows.length)));
          }
          setGroups(r.groups);
          setOpened(next);
          setFlat(null);
        }
        setError(null);
      } catch (e) {
        fail(e);
      }
    },
    [api, filters, by, tzOffsetMinutes, loadGroup],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(null), debounceMs);
    return () => clearTimeout(timer);
  }, [load, debounceMs]);
  const reload = useEffectEvent(() => void load({ flat: flat?.rows.length ?? 0, opened }));
  useEffect(() => api.on('data.changed', ({ capability }) => capability === 'calls' && reload()), [api]);

  const toggle = (g: CallGroup) => {
    const k = keyOf(g);
    if (opened.has(k)) {
      setOpened((m) => new Map([...m].filter(([key]) => key !== k)));
      return;
    }
    loadGroup(g, PAGE).then((o) => setOpened((m) => new Map(m).set(k, o)), fail);
  };
  const more = (g: CallGroup | null) => {
    if (g === null) {
      api.call('calls.list', { filters, tzOffsetMinutes, limit: (flat?.rows.length ?? 0) + PAGE, offset: 0 }).then((r) => setFlat({ rows: r.rows, total: r.total }), fail);
      return;
    }
    const was = opened.get(keyOf(g));
    loadGroup(g, (was?.rows.length ?? 0) + PAGE).then((o) => setOpened((m) => new Map(m).set(keyOf(g), o)), fail);
  };

  const lines: LogLine[] = [];
  if (flat) {
    for (const row of flat.rows) lines.push({ kind: 'row', row });
    if (flat.rows.length < flat.total) lines.push({ kind: 'more', group: null, left: flat.total - flat.rows.length });
  }
  for (const group of groups ?? []) {
    const o = opened.get(keyOf(group));
    lines.push({ kind: 'group', group, open: o !== undefined });
    if (!o) continue;
    for (const row of o.rows) lines.push({ kind: 'row', row });
    if (o.rows.length < o.total) lines.push({ kind: 'more', group, left: o.total - o.rows.length });
  }
  const total = flat ? flat.total : groups ? groups.reduce((n, g) => n + g.count, 0) : null;
  const shown = lines.filter((l) => l.kind === 'row').length;
  return { lines, total, shown, toggle, more, error, setError, tzOffsetMinutes };
}
