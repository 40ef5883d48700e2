import { Loader, Text } from '@mantine/core';
import { IconChevronRight, IconListTree } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupId } from '../../../../shared/grid/columns';
import { gridFormat } from '../../kit/format';
import { groupValueLabel } from './group-label';
import type { GridStore } from './grid-store';
import { groupLabel } from './labels';
import { lineAt, parentLine, pathKey, type Path } from './line-model';

const NODE_HEIGHT = 26;

interface Props {
  /** A GridStore whose lines are the groups only (leaves are never expanded). */
  store: GridStore;
  groupBy: readonly GroupId[];
  /** The chosen node's path; [] is "All". */
  chosen: Path;
  /** Whether a node can filter the grid (see treeChoice); others only open and close. */
  canChoose: (path: Path) => boolean;
  onChoose: (path: Path) => void;
}

/** The groups as a tree in the left panel; choosing a node filters the grid to it. */
export function GroupTree({ store, groupBy, chosen, canChoose, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const lines = store.lines;
  // Line 0 is "All"; the groups follow.
  const count = lines.size + 1;
  // eslint-disable-next-line react-hooks/incompatible-library -- not compiled by React Compiler; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({ count, getScrollElement: () => el, estimateSize: () => NODE_HEIGHT, overscan: 10 });
  // The tree's groups come a window at a time too: ask those in view (line 0 is "All").
  const items = virtualizer.getVirtualItems();
  const firstNode = Math.max(0, (items[0]?.index ?? 0) - 1);
  const lastNode = Math.max(firstNode, (items[items.length - 1]?.index ?? 0) - 1);
  const version = store.getVersion();
  useEffect(() => {
    store.ensureVisible(firstNode, lastNode);
  }, [store, firstNode, lastNode, version]);
  const chosenKey = pathKey(chosen);
  const [cursor, setCursor] = useState(0);

  const pathOf = (i: number): Path | null => {
    if (i === 0) return [];
    const line = lineAt(lines, i - 1);
    return line?.kind === 'group' ? line.path : null;
  };
  const choose = (i: number) => {
    setCursor(i);
    const path = pathOf(i);
    if (path === null) return;
    const line = i > 0 ? lineAt(lines, i - 1) : undefined;
    if (canChoose(path)) onChoose(path);
    else if (line?.kind === 'group' && !line.leaf) store.toggle(path);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const line = cursor > 0 ? lineAt(lines, cursor - 1) : undefined;
    const go = (i: number) => {
      const next = Math.max(0, Math.min(count - 1, i));
      setCursor(next);
      virtualizer.scrollToIndex(next);
    };
    let handled = true;
    if (e.key === 'ArrowDown') go(cursor + 1);
    else if (e.key === 'ArrowUp') go(cursor - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(count - 1);
    else if (e.key === 'Enter' || e.key === ' ') choose(cursor);
    else if (e.key === 'ArrowRight' && line?.kind === 'group' && !line.leaf) {
      if (!line.expanded) store.setExpanded(line.path, true);
      else go(cursor + 1);
    } else if (e.key === 'ArrowLeft' && line) {
      if (line.kind === 'group' && line.expanded) store.setExpanded(line.path, false);
      else go(parentLine(lines, cursor - 1) + 1);
    } else handled = false;
    if (handled) e.preventDefault();
  };

  if (groupBy.length === 0) {
    return (
      <div className="ivg-tree" data-testid="group-tree">
        <Text size="xs" c="dimmed" p="sm">
          {t('grid.groupBy.noGroups')}
        </Text>
      </div>
    );
  }

  return (
    <div className="ivg-tree" data-testid="group-tree">
      <div ref={setEl} className="ivg-tree-scroll" role="tree" aria-label={t('grid.groupBy.label')} tabIndex={0} onKeyDown={onKeyDown}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const focused = item.index === cursor;
            if (item.index === 0) {
              return (
                <div
                  key="all"
                  className="ivg-tree-node"
                  role="treeitem"
                  aria-selected={chosen.length === 0}
                  data-chosen={chosen.length === 0 || undefined}
                  data-focused={focused || undefined}
                  data-testid="tree-node-all"
                  style={{ top: item.start, paddingLeft: 8 }}
                  onClick={() => choose(0)}
                >
                  <IconListTree size={14} stroke={1.7} />
                  <span className="ivg-group-label">{t('grid.groupBy.treeAll')}</span>
                  {store.total !== null && <span className="ivg-count">{fmt.count(store.total)}</span>}
                </div>
              );
            }
            const line = lineAt(lines, item.index - 1);
            if (!line) return null;
            if (line.kind !== 'group') {
              return (
                <div key={`l${item.index}`} className="ivg-tree-node" style={{ top: item.start, paddingLeft: 26 + line.level * 16 }}>
                  <Loader size={12} />
                </div>
              );
            }
            const selectable = canChoose(line.path);
            const isChosen = pathKey(line.path) === chosenKey;
            const id = groupBy[line.level];
            const label = groupValueLabel(t, fmt, id, line.group);
            return (
              <div
                key={pathKey(line.path)}
                className="ivg-tree-node"
                role="treeitem"
                aria-level={line.level + 1}
                aria-expanded={line.leaf ? undefined : line.expanded}
                aria-selected={isChosen}
                data-chosen={isChosen || undefined}
                data-disabled={!selectable || undefined}
                data-focused={focused || undefined}
                data-testid="tree-node"
                data-group-key={line.group.key === null ? '' : String(line.group.key)}
                data-level={line.level}
                title={selectable ? `${id ? groupLabel(t, id) : ''}: ${label}` : t('grid.groupBy.treeHint')}
                style={{ top: item.start, paddingLeft: 4 + line.level * 16, outline: focused ? '1px dotted var(--mantine-color-gray-5)' : undefined }}
                onClick={() => choose(item.index)}
              >
                {line.leaf ? (
                  <span className="ivg-tree-toggle" />
                ) : (
                  <span
                    className="ivg-tree-toggle"
                    role="button"
                    aria-label={line.expanded ? t('grid.groupBy.collapse') : t('grid.groupBy.expand')}
                    data-testid="tree-toggle"
                    onClick={(e) => {
                      e.stopPropagation();
                      setCursor(item.index);
                      store.toggle(line.path);
                    }}
                  >
                    <span className="ivg-chevron" data-open={line.expanded || undefined}>
                      <IconChevronRight size={13} stroke={2} />
                    </span>
                  </span>
                )}
                <span className="ivg-group-label" style={{ flex: 1 }}>
                  {label}
                  {line.group.detail && <span className="ivg-group-detail">{line.group.detail}</span>}
                </span>
                <span className="ivg-count">{fmt.count(line.group.count)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
