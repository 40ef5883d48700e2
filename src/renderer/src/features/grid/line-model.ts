import type { GridGroup, GroupKey } from '../../../../shared/grid/query';

/**
 * The grid's lines, without ever listing them: a million rows under an expanded group are one
 * segment. Group headers are one line each; an expanded leaf group contributes `count` row
 * slots whose rows are fetched by position within the group's path. A level's groups come a
 * window at a time (a status holds up to 50,000 client groups): a window not here yet is one
 * loading segment of as many lines as it has groups.
 */

export type Path = readonly GroupKey[];

/** The identity of a path: Map keys, React keys, the expanded set. */
export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** One level of groups below a path, as far as it is known. */
export interface GroupLevel {
  /** Groups in the level; null until counted (the windows from the first then show, and a line for the rest). */
  size: number | null;
  /** Groups per window. */
  windowSize: number;
  /** The groups of window `w` (from group w × windowSize), when here. */
  window: (w: number) => readonly GridGroup[] | undefined;
}

/** `window`: which window of the level its group is in (the one to fetch for a loading line). */
type Segment =
  | { kind: 'group'; start: number; level: number; path: Path; group: GridGroup; expanded: boolean; leaf: boolean; window: number }
  | { kind: 'loading'; start: number; level: number; path: Path; count: number; window: number }
  | { kind: 'rows'; start: number; level: number; path: Path; count: number };

export interface LineModel {
  segments: Segment[];
  /** Number of lines. */
  size: number;
}

export type Line =
  | { kind: 'group'; index: number; level: number; path: Path; group: GridGroup; expanded: boolean; leaf: boolean }
  | { kind: 'loading'; index: number; level: number; path: Path; window: number }
  | { kind: 'row'; index: number; level: number; path: Path; position: number };

export interface LineSources {
  /** Levels of grouping shown inline (0: a flat list). */
  depth: number;
  /** The groups one level below a path, when any are loaded. */
  groups: (path: Path) => GroupLevel | undefined;
  expanded: (path: Path) => boolean;
  /** Flat list only: the number of rows (unknown until the first page answers). */
  rootCount: number | null;
  /** Flat list only: the path whose rows are shown ([] or a tree node's full path). */
  rootPath: Path;
}

export function buildLines(src: LineSources): LineModel {
  const segments: Segment[] = [];
  let size = 0;
  if (src.depth === 0) {
    const count = src.rootCount ?? 0;
    if (count > 0) segments.push({ kind: 'rows', start: 0, level: 0, path: src.rootPath, count });
    return { segments, size: count };
  }
  const walk = (path: Path, level: number) => {
    const groups = src.groups(path);
    if (!groups) {
      segments.push({ kind: 'loading', start: size, level, path, count: 1, window: 0 });
      size += 1;
      return;
    }
    const leaf = level === src.depth - 1;
    const { windowSize } = groups;
    for (let w = 0; groups.size === null || w * windowSize < groups.size; w++) {
      const expected = groups.size === null ? windowSize : Math.min(windowSize, groups.size - w * windowSize);
      const list = groups.window(w);
      if (!list) {
        // Not counted yet: one line says more are coming.
        const count = groups.size === null ? 1 : expected;
        segments.push({ kind: 'loading', start: size, level, path, count, window: w });
        size += count;
        if (groups.size === null) break;
        continue;
      }
      const shown = Math.min(list.length, expected);
      for (let i = 0; i < shown; i++) {
        const group = list[i]!;
        const childPath = [...path, group.key];
        const expanded = src.expanded(childPath);
        segments.push({ kind: 'group', start: size, level, path: childPath, group, expanded, leaf, window: w });
        size += 1;
        if (!expanded) continue;
        if (leaf) {
          if (group.count > 0) {
            segments.push({ kind: 'rows', start: size, level: level + 1, path: childPath, count: group.count });
            size += group.count;
          }
        } else {
          walk(childPath, level + 1);
        }
      }
      // A window shorter than its place (the level grew since it came): the rest is on its way.
      if (groups.size !== null && shown < expected) {
        segments.push({ kind: 'loading', start: size, level, path, count: expected - shown, window: w });
        size += expected - shown;
      }
      if (groups.size === null && list.length < windowSize) break;
    }
  };
  walk([], 0);
  return { segments, size };
}

function segmentSize(s: Segment): number {
  return s.kind === 'group' ? 1 : s.count;
}

/** The segment holding a line (binary search over the starts). */
function segmentAt(model: LineModel, index: number): Segment | undefined {
  const { segments } = model;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (index < s.start) hi = mid - 1;
    else if (index >= s.start + segmentSize(s)) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export function lineAt(model: LineModel, index: number): Line | undefined {
  const s = segmentAt(model, index);
  if (!s) return undefined;
  switch (s.kind) {
    case 'group':
      return { kind: 'group', index, level: s.level, path: s.path, group: s.group, expanded: s.expanded, leaf: s.leaf };
    case 'loading':
      return { kind: 'loading', index, level: s.level, path: s.path, window: s.window };
    case 'rows':
      return { kind: 'row', index, level: s.level, path: s.path, position: index - s.start };
  }
}

/** The line of a group header, or of a row at a position in a path; -1 when not shown. */
export function lineOfGroup(model: LineModel, path: Path): number {
  const key = pathKey(path);
  const s = model.segments.find((x) => x.kind === 'group' && pathKey(x.path) === key);
  return s ? s.start : -1;
}

export function lineOfRow(model: LineModel, path: Path, position: number): number {
  const key = pathKey(path);
  const s = model.segments.find((x) => x.kind === 'rows' && pathKey(x.path) === key);
  return s && s.kind === 'rows' && position < s.count ? s.start + position : -1;
}

/** The header line of the group a line belongs to (its parent), or -1 at the top level. */
export function parentLine(model: LineModel, index: number): number {
  const line = lineAt(model, index);
  if (!line) return -1;
  const parentPath = line.kind === 'row' ? line.path : line.path.slice(0, -1);
  if (parentPath.length === 0) return -1;
  return lineOfGroup(model, parentPath);
}

/** The windows of group levels that lines lo..hi show or wait for, each once. */
export function groupWindowsIn(model: LineModel, lo: number, hi: number): { path: Path; window: number }[] {
  const out = new Map<string, { path: Path; window: number }>();
  const { segments } = model;
  // The first segment ending after lo, by binary search over the starts.
  let a = 0;
  let b = segments.length - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    const s = segments[mid]!;
    if (s.start + segmentSize(s) - 1 < lo) a = mid + 1;
    else b = mid;
  }
  for (let i = a; i < segments.length && segments[i]!.start <= hi; i++) {
    const s = segments[i]!;
    if (s.kind === 'rows') continue;
    const path = s.kind === 'group' ? s.path.slice(0, -1) : s.path;
    out.set(`${pathKey(path)}#${s.window}`, { path, window: s.window });
  }
  return [...out.values()];
}
