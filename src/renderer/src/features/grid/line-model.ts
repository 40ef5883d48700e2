import type { GridGroup, GroupKey } from '../../../../shared/grid/query';

/**
 * The grid's lines, without ever listing them: a million rows under an expanded group are one
 * segment. Group headers are one line each; an expanded leaf group contributes `count` row
 * slots whose rows are fetched by position within the group's path.
 */

export type Path = readonly GroupKey[];

/** The identity of a path: Map keys, React keys, the expanded set. */
export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

type Segment =
  | { kind: 'group'; start: number; level: number; path: Path; group: GridGroup; expanded: boolean; leaf: boolean }
  | { kind: 'loading'; start: number; level: number; path: Path }
  | { kind: 'rows'; start: number; level: number; path: Path; count: number };

export interface LineModel {
  segments: Segment[];
  /** Number of lines. */
  size: number;
}

export type Line =
  | { kind: 'group'; index: number; level: number; path: Path; group: GridGroup; expanded: boolean; leaf: boolean }
  | { kind: 'loading'; index: number; level: number; path: Path }
  | { kind: 'row'; index: number; level: number; path: Path; position: number };

export interface LineSources {
  /** Levels of grouping shown inline (0: a flat list). */
  depth: number;
  /** The groups one level below a path, when loaded. */
  groups: (path: Path) => readonly GridGroup[] | undefined;
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
      segments.push({ kind: 'loading', start: size, level, path });
      size += 1;
      return;
    }
    const leaf = level === src.depth - 1;
    for (const group of groups) {
      const childPath = [...path, group.key];
      const expanded = src.expanded(childPath);
      segments.push({ kind: 'group', start: size, level, path: childPath, group, expanded, leaf });
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
  };
  walk([], 0);
  return { segments, size };
}

function segmentSize(s: Segment): number {
  return s.kind === 'rows' ? s.count : 1;
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
      return { kind: 'loading', index, level: s.level, path: s.path };
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
