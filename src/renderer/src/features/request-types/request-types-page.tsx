import { ActionIcon, Alert, Badge, Button, Group, Loader, Modal, Switch, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowsMaximize, IconArrowsMinimize, IconFileText, IconForms, IconHierarchy2, IconPlus, IconSearch, IconSubtask, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../../../shared/api/capabilities';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { ExtraFieldsPanel } from './extra-fields-panel';
import { MAX_LEVEL } from './model';
import { TemplatesPanel } from './templates-panel';
import { TypeEditor } from './type-editor';
import { TypeTree } from './type-tree';
import './request-types.css';
import type { RequestTypeAdminRow } from '../../../../shared/api/request-types';
import type { Me } from '../../../../shared/api/auth';

type Selection = { kind: 'type'; id: string } | { kind: 'new'; parentId: string | null } | null;
type Page = 'general' | 'fields' | 'templates';

/** The type's own rows, and the teams it may name as responsible. */
const WATCHED = new Set<Capability>(['request-types', 'personnel']);

/**
 * Administration → Request types: the hierarchy (Classification 1/2/3) on the left, the
 * selected type on the right with its own fields, its extra fields and its form templates.
 * Main checks every rule (rights, cycles, depth, unique codes); this screen says them early.
 */
export function RequestTypesAdmin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const api = useApi();
  const canWrite = me.rights.admin === 'write';
  const [rows, setRows] = useState<RequestTypeAdminRow[] | null>(null);
  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  const [maxBytes, setMaxBytes] = useState<number | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setSelection] = useState<Selection>(null);
  const [page, setPage] = useState<Page>('general');
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState<Selection | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const editorRef = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api.call('admin.requestTypes.list', {}).then(
      (r) => {
        setRows(r);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(toCallError(e).message),
    );
  }, [api]);

  useEffect(() => {
    load();
    api.call('interventions.lookups', {}).then(
      (l) => setTeams(l.teams.map((x) => ({ id: x.id, name: x.name }))),
      () => setTeams([]),
    );
    api.call('settings.get', {}).then(
      (s) => setMaxBytes(s.attachmentMaxBytes),
      () => setMaxBytes(undefined),
    );
  }, [api, load]);

  // Other windows (and later sync) change types too: the tree follows, the open editor keeps its edits.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('data.changed', ({ capability }) => {
      if (!WATCHED.has(capability)) return;
      timer ??= setTimeout(() => {
        timer = null;
        load();
        setRefreshKey((k) => k + 1);
      }, 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api, load]);

  // Until the user picks one, the first type is shown, so the editor is never an empty pane.
  // A type deleted meanwhile (another window, sync) falls back the same way.
  const stillThere = chosen?.kind !== 'type' || (rows?.some((r) => r.id === chosen.id) ?? false);
  const selection: Selection = chosen && stillThere ? chosen : rows?.[0] ? { kind: 'type', id: rows[0].id } : null;

  const choose = (next: Selection) => {
    if (dirty) setPending(next);
    else {
      setSelection(next);
      if (next?.kind === 'new') setPage('general');
    }
  };

  const selected = selection?.kind === 'type' ? (rows?.find((r) => r.id === selection.id) ?? null) : null;
  const newParent = selection?.kind === 'new' && selection.parentId ? (rows?.find((r) => r.id === selection.parentId) ?? null) : null;

  const toggle = (id: string, open?: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      const isOpen = !c.has(id);
      if (open ?? !isOpen) next.delete(id);
      else next.add(id);
      return next;
    });

  if (loadError && !rows) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} m="md" title={t('adminTypes.loadFailed')}>
        <Group gap="sm">
          <Text size="sm">{loadError}</Text>
          <Button size="xs" variant="light" onClick={load}>
            {t('common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (!rows) {
    return (
      <Group justify="center" p="xl">
        <Loader size="sm" />
      </Group>
    );
  }

  const canAddChild = selected !== null && selected.depth < MAX_LEVEL;
  const title =
    selection?.kind === 'new'
      ? newParent
        ? t('adminTypes.editor.newChildTitle', { parent: newParent.code })
        : t('adminTypes.editor.newTopTitle')
      : selected
        ? `${selected.code} · ${selected.names[me.language]}`
        : '';

  return (
    <div className="rta-root" data-testid="request-types-admin">
      <div className="rta-side">
        <Group gap={6} wrap="nowrap">
          <TextInput
            size="xs"
            className="rta-search"
            placeholder={t('adminTypes.tree.search')}
            aria-label={t('adminTypes.tree.search')}
            leftSection={<IconSearch size={14} />}
            rightSection={
              search ? (
                <ActionIcon size="xs" variant="subtle" color="gray" onClick={() => setSearch('')} aria-label={t('adminTypes.tree.clearSearch')}>
                  <IconX size={12} />
                </ActionIcon>
              ) : null
            }
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setSearch('');
            }}
            data-testid="rt-search"
          />
          <Tooltip label={t('adminTypes.tree.expandAll')}>
            <ActionIcon size="md" variant="default" onClick={() => setCollapsed(new Set())} aria-label={t('adminTypes.tree.expandAll')}>
              <IconArrowsMaximize size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('adminTypes.tree.collapseAll')}>
            <ActionIcon
              size="md"
              variant="default"
              onClick={() => setCollapsed(new Set(rows.filter((r) => rows.some((c) => c.parentId === r.id)).map((r) => r.id)))}
              aria-label={t('adminTypes.tree.collapseAll')}
            >
              <IconArrowsMinimize size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Group justify="space-between" gap={6}>
          <Switch size="xs" label={t('adminTypes.tree.showInactive')} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} data-testid="rt-show-inactive" />
          <Text size="xs" c="dimmed">
            {t('adminTypes.tree.count', { count: rows.length })}
          </Text>
        </Group>
        <TypeTree
          rows={rows}
          language={me.language}
          selectedId={selection?.kind === 'type' ? selection.id : null}
          onSelect={(id) => choose({ kind: 'type', id })}
          onOpen={() => editorRef.current?.querySelector<HTMLInputElement>('input:not([readonly]):not([type="hidden"])')?.focus()}
          search={search}
          showInactive={showInactive}
          collapsed={collapsed}
          onToggle={toggle}
        />
        {canWrite && (
          <Group gap={6} grow>
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => choose({ kind: 'new', parentId: null })} data-testid="rt-add-top">
              {t('adminTypes.tree.addTop')}
            </Button>
            <Tooltip label={selected && !canAddChild ? t('adminTypes.tree.tooDeep', { max: MAX_LEVEL }) : t('adminTypes.tree.addChildHint')} multiline w={240}>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconSubtask size={14} />}
                disabled={!canAddChild}
                onClick={() => selected && choose({ kind: 'new', parentId: selected.id })}
                data-testid="rt-add-child"
              >
                {t('adminTypes.tree.addChild')}
              </Button>
            </Tooltip>
          </Group>
        )}
      </div>

      <div className="rta-main" ref={editorRef}>
        {selection === null ? (
          <Text size="sm" c="dimmed" p="md">
            {t('adminTypes.tree.empty')}
          </Text>
        ) : (
          <>
            <Group justify="space-between" className="rta-head" wrap="nowrap">
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <IconHierarchy2 size={18} color="var(--mantine-color-blue-6)" />
                <Text fw={700} size="md" truncate data-testid="rt-title">
                  {title}
                </Text>
                {selected && (
                  <Badge size="sm" variant="light" tt="none">
                    {t('adminTypes.editor.classification', { level: selected.depth })}
                  </Badge>
                )}
                {selected && !selected.active && (
                  <Badge size="sm" variant="outline" color="gray">
                    {t('adminTypes.inactive')}
                  </Badge>
                )}
                {!canWrite && (
                  <Badge size="sm" variant="light" color="yellow" tt="none">
                    {t('adminTypes.readOnly')}
                  </Badge>
                )}
              </Group>
              {selected && (
                <Text size="xs" c="dimmed">
                  {t('adminTypes.editor.version', { version: selected.version })}
                </Text>
              )}
            </Group>
            <Tabs value={page} onChange={(v) => v && setPage(v as Page)} keepMounted={false} className="rta-tabs">
              <Tabs.List>
                <Tabs.Tab value="general" data-testid="rt-tab-general">
                  {t('adminTypes.tabs.general')}
                </Tabs.Tab>
                <Tabs.Tab value="fields" disabled={!selected} leftSection={<IconForms size={14} />} data-testid="rt-tab-fields">
                  {t('adminTypes.tabs.fields')}
                  {selected && selected.fieldCount > 0 ? ` (${selected.fieldCount})` : ''}
                </Tabs.Tab>
                <Tabs.Tab value="templates" disabled={!selected} leftSection={<IconFileText size={14} />} data-testid="rt-tab-templates">
                  {t('adminTypes.tabs.templates')}
                  {selected && selected.templateCount > 0 ? ` (${selected.templateCount})` : ''}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="general" pt="xs">
                <TypeEditor
                  key={selection.kind === 'type' ? `${selection.id}` : `new-${selection.parentId ?? 'top'}`}
                  row={selected}
                  newParent={newParent}
                  rows={rows}
                  teams={teams}
                  language={me.language}
                  canWrite={canWrite}
                  onSaved={(row) => {
                    setDirty(false);
                    // In the list at once, so the editor keeps showing it while the tree reloads.
                    setRows((rs) => (rs ? (rs.some((r) => r.id === row.id) ? rs.map((r) => (r.id === row.id ? row : r)) : [...rs, row]) : rs));
                    setSelection({ kind: 'type', id: row.id });
                    if (row.parentId) setCollapsed((c) => (c.has(row.parentId ?? '') ? new Set([...c].filter((x) => x !== row.parentId)) : c));
                    load();
                  }}
                  onDeleted={() => {
                    setDirty(false);
                    setSelection(selected?.parentId ? { kind: 'type', id: selected.parentId } : null);
                    load();
                  }}
                  onCancelNew={() => {
                    setDirty(false);
                    setSelection(newParent ? { kind: 'type', id: newParent.id } : rows[0] ? { kind: 'type', id: rows[0].id } : null);
                  }}
                  onLeave={() => document.querySelector<HTMLElement>('.rta-tree [aria-selected="true"]')?.focus()}
                  onDirtyChange={setDirty}
                />
              </Tabs.Panel>
              <Tabs.Panel value="fields" pt="xs">
                {selected && <ExtraFieldsPanel requestTypeId={selected.id} language={me.language} canWrite={canWrite} refreshKey={refreshKey} onChanged={load} />}
              </Tabs.Panel>
              <Tabs.Panel value="templates" pt="xs">
                {selected && <TemplatesPanel requestTypeId={selected.id} canWrite={canWrite} maxBytes={maxBytes} refreshKey={refreshKey} onChanged={load} />}
              </Tabs.Panel>
            </Tabs>
          </>
        )}
      </div>

      <Modal opened={pending !== undefined} onClose={() => setPending(undefined)} title={t('adminTypes.discardTitle')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('adminTypes.discardBody')}</Text>
        <Group justify="flex-end" mt="md" gap={6}>
          <Button size="xs" variant="default" onClick={() => setPending(undefined)} data-autofocus>
            {t('adminTypes.keepEditing')}
          </Button>
          <Button
            size="xs"
            color="red"
            onClick={() => {
              const next = pending ?? null;
              setPending(undefined);
              setDirty(false);
              setSelection(next);
              if (next?.kind === 'new') setPage('general');
            }}
            data-testid="rt-discard"
          >
            {t('adminTypes.discard')}
          </Button>
        </Group>
      </Modal>
    </div>
  );
}
