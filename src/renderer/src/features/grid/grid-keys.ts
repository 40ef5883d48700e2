import { lineAt, parentLine, type LineModel, type Path } from './line-model';

/** What a key does in the grid; the grid carries it out. */
export type KeyAction =
  | { kind: 'move'; to: number }
  | { kind: 'expand' | 'collapse' | 'toggle'; path: Path }
  | { kind: 'open'; path: Path; position: number }
  | { kind: 'add' | 'delete' | 'refresh' };

/**
 * The grid's keys, as a plain function of where the cursor is: arrows, Page Up/Down, Home/End
 * move; Right/Left open and close groups (Left goes to the parent group); Enter opens a row or
 * toggles a group, Space toggles; Insert adds, Delete deletes, F5 refreshes. Null: not ours.
 */
export function keyAction(key: string, lines: LineModel, cursor: number, pageRows: number): KeyAction | null {
  const here = cursor < 0 ? -1 : cursor;
  const line = cursor >= 0 ? lineAt(lines, cursor) : undefined;
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', to: here + 1 };
    case 'ArrowUp':
      return { kind: 'move', to: here <= 0 ? 0 : here - 1 };
    case 'PageDown':
      return { kind: 'move', to: here + pageRows };
    case 'PageUp':
      return { kind: 'move', to: here - pageRows };
    case 'Home':
      return { kind: 'move', to: 0 };
    case 'End':
      return { kind: 'move', to: lines.size - 1 };
    case 'ArrowRight':
      if (line?.kind !== 'group') return null;
      return line.expanded ? { kind: 'move', to: cursor + 1 } : { kind: 'expand', path: line.path };
    case 'ArrowLeft': {
      if (line?.kind === 'group' && line.expanded) return { kind: 'collapse', path: line.path };
      if (!line) return null;
      const parent = parentLine(lines, cursor);
      return parent >= 0 ? { kind: 'move', to: parent } : { kind: 'move', to: cursor };
    }
    case 'Enter':
    case ' ':
      if (line?.kind === 'group') return { kind: 'toggle', path: line.path };
      if (line?.kind === 'row' && key === 'Enter') return { kind: 'open', path: line.path, position: line.position };
      return null;
    case 'Insert':
      return { kind: 'add' };
    case 'Delete':
      return { kind: 'delete' };
    case 'F5':
      return { kind: 'refresh' };
    default:
      return null;
  }
}
