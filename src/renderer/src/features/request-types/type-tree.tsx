import { ActionIcon, Badge, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFileText, IconForms } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages';
import { fold } from './model';
import type { RequestTypeAdminRow } from '../../../../shared/api/request-types';

interface Props {
  rows: readonly RequestTypeAdminRow[];
  language: Language;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Enter on a type: go to its editor. */
  onOpen: () => void;
  search: string;
  showInactive: boolean;
  collapsed: ReadonlySet<string>;
  onToggle: (id: string, open?: boolean) => void;
}

interface Visible {
  row: RequestTypeAdminRow;
  hasChildren: boolean;
  open: boolean;
}

/**
 * The request-type hierarchy as a keyboard-driven tree (WAI-ARIA tree pattern): ↑/↓ move,
 * → opens or goes to the first sub-type, ← closes or goes to the parent, Home/End, Enter edits.
 * A search shows the matching types with their ancestors, all open.
 */
export function TypeTree({ rows, language, selectedId, onSelect, onOpen, search, showInactive, collapsed, onToggle }: Props) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLDivElement>(null);

  const visible = useMemo<Visible[]>(() => {
    const byParent = new Map<string | null, RequestTypeAdminRow[]>();
    for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
    const q = fold(search.trim());
    const byId = new Map(rows.map((r) => [r.id, r]));
    // With a search: the matches and their ancestors, nothing else.
    let keep: Set<string> | null = null;
    if (q) {
      keep = new Set();
      for (const r of rows) {
        const hay = fold([r.code, r.names.en, r.names.ro, r.names['pt-BR'], r.names.ca].join(' '));
        if (!hay.includes(q)) continue;
        for (let cur: RequestTypeAdminRow | undefined = r; cur && !keep.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) keep.add(cur.id);
      }
    }
    const out: Visible[] = [];
    const walk = (parent: string | null) => {
      for (const r of byParent.get(parent) ?? []) {
        if (!showInactive && !r.active) continue;
        if (keep && !keep.has(r.id)) continue;
        const kids = (byParent.get(r.id) ?? []).filter((c) => (showInactive || c.active) && (!keep || keep.has(c.id)));
        const open = keep !== null || !collapsed.has(r.id);
        out.push({ row: r, hasChildren: kids.length > 0, open });
        if (open) walk(r.id);
      }
    };
    walk(null);
    return out;
  }, [rows, search, showInactive, collapsed]);

  // The selected type stays in view (after a search, a move, a keyboard step).
  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, visible]);

  const index = visible.findIndex((v) => v.row.id === selectedId);
  const focusSelected = () => requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = visible[index];
    const go = (i: number) => {
      const v = visible[Math.max(0, Math.min(visible.length - 1, i))];
      if (v) {
        onSelect(v.row.id);
        focusSelected();
      }
    };
    switch (e.key) {
      case 'ArrowDown':
        go(index < 0 ? 0 : index + 1);
        break;
      case 'ArrowUp':
        go(index < 0 ? 0 : index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(visible.length - 1);
        break;
      case 'ArrowRight':
        if (!current) return;
        if (current.hasChildren && !current.open) onToggle(current.row.id, true);
        else if (current.hasChildren) go(index + 1);
        break;
      case 'ArrowLeft': {
        if (!current) return;
        if (current.hasChildren && current.open && !search.trim()) onToggle(current.row.id, false);
        else if (current.row.parentId) go(visible.findIndex((v) => v.row.id === current.row.parentId));
        break;
      }
      case 'Enter':
        if (current) onOpen();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  if (visible.length === 0) {
    return (
      <div className="rta-tree rta-tree-empty" data-testid="rt-tree">
        <Text size="sm" c="dimmed">
          {search.trim() ? t('adminTypes.tree.noMatch') : t('adminTypes.tree.empty')}
        </Text>
      </div>
    );
  }

  return (
    <div className="rta-tree" role="tree" aria-label={t('adminTypes.title')} ref={listRef} onKeyDown={onKeyDown} data-testid="rt-tree">
      {visible.map(({ row, hasChildren, open }, i) => {
        const selected = row.id === selectedId;
        return (
          <div
            key={row.id}
            role="treeitem"
            aria-level={row.depth}
            aria-expanded={hasChildren ? open : undefined}
            aria-selected={selected}
            tabIndex={selected || (index < 0 && i === 0) ? 0 : -1}
            className={`rta-node${selected ? ' rta-node-selected' : ''}${row.active ? '' : ' rta-node-inactive'}`}
            style={{ paddingLeft: 4 + (row.depth - 1) * 18 }}
            onClick={() => onSelect(row.id)}
            onDoubleClick={onOpen}
            data-id={row.id}
            data-testid={`rt-node-${row.code}`}
            data-active={row.active ? 'true' : 'false'}
            // Dimmed and struck through says it; the tooltip says it in words.
            title={row.active ? undefined : `${row.names[language]} (${t('adminTypes.inactive')})`}
          >
            {hasChildren ? (
              <ActionIcon
                size="xs"
                variant="subtle"
                color="gray"
                tabIndex={-1}
                aria-label={open ? t('adminTypes.tree.collapse') : t('adminTypes.tree.expand')}
                onClick={(e) => {
                  e.stopPropagation();
                  onToggle(row.id);
                }}
              >
                {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              </ActionIcon>
            ) : (
              <span className="rta-node-spacer" />
            )}
            <span className="rta-node-name">{row.names[language]}</span>
            {row.fieldCount > 0 && (
              <Tooltip label={t('adminTypes.tree.fields', { count: row.fieldCount })} openDelay={400}>
                <Badge size="xs" variant="light" color="grape" leftSection={<IconForms size={10} />} className="rta-node-badge">
                  {row.fieldCount}
                </Badge>
              </Tooltip>
            )}
            {row.templateCount > 0 && (
              <Tooltip label={t('adminTypes.tree.templates', { count: row.templateCount })} openDelay={400}>
                <Badge size="xs" variant="light" color="cyan" leftSection={<IconFileText size={10} />} className="rta-node-badge">
                  {row.templateCount}
                </Badge>
              </Tooltip>
            )}
            <span className="rta-node-code">{row.code}</span>
          </div>
        );
      })}
    </div>
  );
}
