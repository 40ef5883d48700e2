import './interventions.css';
import { reportUrl } from './report-params';
import { Alert, Button, Group, Loader, Modal, Splitter, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useEffectEvent, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import type { ColumnId, GridRow, GroupId } from '../../../../shared/grid/columns';
import type { GridFilters } from '../../../../shared/grid/query';
import { builtinView, type BuiltinViewId, type SavedView, type ViewDefinition, type ViewLayout } from '../../../../shared/grid/views';
import { GRID_SOURCES, type Capability } from '../../../../shared/api/capabilities';
import { useApi } from '../../api/context';
import { InterventionFormSlot } from '../../kit/slots';
import { toCallError } from '../../api/errors';
import type { AppInfoState } from '../../kit/use-app-info';
import { errorText } from '../../i18n/error-text';
import { ColumnsMenu, HeaderMenu } from './columns-menu';
import { DatabaseStats } from './database-stats';
import { FilterBar, FilterChips } from './filter-bar';
import { gridFormat } from '../../kit/format';
import { displayOrder } from './column-order';
import { Grid } from './grid';
import { GridStore, type StoreConfig } from './grid-store';
import { GroupBy } from './group-by';
import { GroupTree } from './group-tree';
import { lineAt, type Path } from './line-model';
import { CancelDialog, DeleteDialog, type RecordRef } from './record-dialogs';
import { SearchBox } from './search-box';
import { Toolbar } from './toolbar';
import { useExport } from './use-export';
import { activeFilters, completeLayout, isDirty, toGridView, treeChoice, type WorkingView } from './view-model';
import { SaveViewDialog, ViewsMenu } from './views-menu';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { Me } from '../../../../shared/api/auth';

/** The capabilities behind the filter lists. */
const LOOKUP_SOURCES = new Set<Capability>(['clients', 'personnel', 'request-types']);
const FILTERS_SHOWN_KEY = 'callcenter.interventions.filtersShown';

function builtinWorking(id: BuiltinViewId, layout?: ViewLayout): WorkingView {
  // Built-in views choose rows (filters, sort); they keep the columns the user has arranged.
  const d = builtinView(id);
  const def: ViewDefinition = { ...d, layout: completeLayout(layout ?? d.layout) };
  return { source: { kind: 'builtin', id }, baseline: def, definition: def };
}

function savedWorking(view: SavedView): WorkingView {
  const def: ViewDefinition = { ...view.definition, layout: completeLayout(view.definition.layout) };
  return { source: { kind: 'saved', view }, baseline: def, definition: def };
}

function readFiltersShown(): boolean {
  try {
    return localStorage.getItem(FILTERS_SHOWN_KEY) !== '0';
  } catch {
    return true;
  }
}

/** "INT 1042", or "(no number)" before the document is validated. */
function documentNumber(row: GridRow, none: string): string {
  const s = [row.series, row.number].filter((x) => x !== null && x !== '').join(' ');
  return s || none;
}

interface Props {
  me: Me;
  onMeChange: (me: Me) => void;
  appInfo: AppInfoState;
}

/** The interventions window: where operators spend their day. */
export function InterventionsWindow({ me, onMeChange, appInfo }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const [store] = useState(() => new GridStore(api));
  const [treeStore] = useState(() => new GridStore(api));
  useSyncExternalStore(store.subscribe, store.getSummary);

  const [working, setWorking] = useState<WorkingView>(() => builtinWorking('all'));
  const [savedViews, setSavedViews] = useState<SavedView[]>([]);
  const [lookups, setLookups] = useState<InterventionLookups | null>(null);
  const [lookupsError, setLookupsError] = useState<string | null>(null);
  const [filtersShown, setFiltersShown] = useState(readFiltersShown);
  const [selection, setSelection] = useState<{ cursor: number; id: string | null }>({ cursor: -1, id: null });
  const [treePath, setTreePath] = useState<Path>([]);
  const [deleting, setDeleting] = useState<RecordRef | null>(null);
  const [cancelling, setCancelling] = useState<RecordRef | null>(null);
  /** The form over the grid: a new intervention (id null) or the one opened. */
  const [formOpen, setFormOpen] = useState<{ id: string | null; seq: number } | null>(null);
  const [saveAsOpen, setSaveAsOpen] = useState(false);
  const [deleteViewOpen, setDeleteViewOpen] = useState(false);
  const [columnsOpen, setColumnsOpen] = useState(false);
  const [headerMenu, setHeaderMenu] = useState<{ id: ColumnId; x: number; y: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridEl = useRef<HTMLDivElement | null>(null);
  const touched = useRef(false);
  const startExport = useExport();

  const def = working.definition;
  const layout = def.layout;
  const dirty = isDirty(working);
  const asTree = layout.groupsAsTree && def.groupBy.length > 0;

  // ---- what the grid (and the tree) ask the server for ----
  const baseView = toGridView(def);
  const choice = asTree ? treeChoice(def.groupBy, def.filters, treePath) : null;
  const gridConfig: StoreConfig = !asTree
    ? { view: baseView, depth: def.groupBy.length, rootPath: [] }
    : choice?.kind === 'path'
      ? { view: baseView, depth: 0, rootPath: choice.path }
      : { view: { ...toGridView(def, choice?.kind === 'filters' ? choice.filters : def.filters), groupBy: [] }, depth: 0, rootPath: [] };
  const treeConfig: StoreConfig | null = asTree ? { view: baseView, depth: def.groupBy.length, rootPath: [] } : null;
  const gridKey = JSON.stringify(gridConfig);
  const treeKey = JSON.stringify(treeConfig);
  useEffect(() => {
    store.setConfig(JSON.parse(gridKey) as StoreConfig);
  }, [store, gridKey]);
  useEffect(() => {
    const c = JSON.parse(treeKey) as StoreConfig | null;
    if (c) treeStore.setConfig(c);
    else treeStore.clear();
  }, [treeStore, treeKey]);

  // A view that takes more than a moment (a sort on a column without an index over a million
  // rows is prepared in a worker): say so instead of only spinning.
  const [slowKey, setSlowKey] = useState<string | null>(null);
  const waiting = store.configId !== gridKey || store.total === null;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setSlowKey(gridKey), 900);
    return () => clearTimeout(timer);
  }, [waiting, gridKey]);

  // ---- lookups and saved views ----
  const reloadLookups = useEffectEvent(() => {
    api.call('interventions.lookups', {}).then(
      (l) => {
        setLookups(l);
        setLookupsError(null);
      },
      (e: unknown) => setLookupsError(toCallError(e).message),
    );
  });
  useEffect(() => {
    api.call('interventions.lookups', {}).then(
      (l) => setLookups(l),
      (e: unknown) => setLookupsError(toCallError(e).message),
    );
    api.call('views.list', { module: 'interventions' }).then(
      (list) => {
        setSavedViews(list);
        const preferred = list.find((v) => v.isDefault);
        // The default view opens unless the user already started working.
        if (preferred && !touched.current) setWorking(savedWorking(preferred));
      },
      () => setSavedViews([]),
    );
  }, [api]);

  // ---- live: other windows and operators change records ----
  const refreshStores = useEffectEvent(() => {
    store.refresh();
    if (asTree) treeStore.refresh();
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lookupsToo = false;
    const off = api.on('data.changed', ({ capability }) => {
      // What the grid shows comes from these (shared with the server's own caches).
      if (!GRID_SOURCES.includes(capability)) return;
      if (LOOKUP_SOURCES.has(capability)) lookupsToo = true;
      timer ??= setTimeout(() => {
        timer = null;
        refreshStores();
        if (lookupsToo) reloadLookups();
        lookupsToo = false;
      }, 200);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api, store, treeStore]);

  // The selected row stays selected when a refresh moves it (or once its page arrives).
  useEffect(
    () =>
      store.subscribe(() => {
        if (selection.id) {
          const line = store.lineOfRowId(selection.id);
          if (line >= 0 && line !== selection.cursor) setSelection({ cursor: line, id: selection.id });
        } else if (selection.cursor >= 0) {
          const line = lineAt(store.lines, selection.cursor);
          const row = line?.kind === 'row' ? store.row(line.path, line.position) : undefined;
          if (row) setSelection({ cursor: selection.cursor, id: row.id });
        }
      }),
    [store, selection],
  );

  const showFilters = (shown: boolean) => {
    setFiltersShown(shown);
    try {
      localStorage.setItem(FILTERS_SHOWN_KEY, shown ? '1' : '0');
    } catch {
      // Not remembered; it still toggles.
    }
  };

  // Ctrl+F focuses the quick search (instead of the browser's find).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        showFilters(true);
        // The bar may have just been mounted: focus once it is there.
        requestAnimationFrame(() => {
          searchRef.current?.focus();
          searchRef.current?.select();
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ---- changing the view ----
  const edit = (patch: Partial<ViewDefinition>) => {
    touched.current = true;
    setWorking((w) => ({ ...w, definition: { ...w.definition, ...patch } }));
  };
  const setFilters = (filters: GridFilters) => {
    edit({ filters });
    setSelection((s) => ({ cursor: -1, id: s.id }));
  };
  const setGroupBy = (groupBy: GroupId[]) => {
    edit({ groupBy });
    setTreePath([]);
    setSelection((s) => ({ cursor: -1, id: s.id }));
  };
  const setLayout = (next: ViewLayout) => edit({ layout: next });
  const open = (w: WorkingView) => {
    touched.current = true;
    setWorking(w);
    setTreePath([]);
    setSelection({ cursor: -1, id: null });
  };

  // ---- the selected row ----
  const selectedRow = (): GridRow | undefined => {
    if (selection.id) return store.rowById(selection.id);
    const line = selection.cursor >= 0 ? lineAt(store.lines, selection.cursor) : undefined;
    return line?.kind === 'row' ? store.row(line.path, line.position) : undefined;
  };
  const recordOf = (row: GridRow): RecordRef => ({ id: row.id, version: row.version, number: documentNumber(row, t('grid.noNumber')), client: String(row.client ?? '—') });
  const withSelected = (action: (row: GridRow) => void) => {
    const row = selectedRow();
    if (!row) notifications.show({ color: 'gray', message: t('grid.selectFirst'), autoClose: 2500 });
    else action(row);
  };
  const notifyError = (e: unknown) => {
    const err = toCallError(e);
    notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
  };

  const refresh = () => {
    store.refresh();
    if (asTree) treeStore.refresh();
  };
  const onAdd = () => setFormOpen((f) => ({ id: null, seq: (f?.seq ?? 0) + 1 }));
  // Stable, so the rows (memoized) do not redraw when the window does.
  const onOpen = useCallback((row: GridRow) => setFormOpen((f) => ({ id: row.id, seq: (f?.seq ?? 0) + 1 })), [setFormOpen]);
  const onCursorChange = useCallback((cursor: number, id: string | null) => setSelection({ cursor, id }), []);
  // Main refuses to delete a numbered or closed one; say so before asking for a confirmation.
  const onDelete = () =>
    withSelected((row) =>
      row.valid || row.status === 'finalized' || row.status === 'cancelled'
        ? notifications.show({ color: 'orange', message: t('grid.deleteOnlyDrafts'), autoClose: 6000 })
        : setDeleting(recordOf(row)),
    );
  const onCancel = () => withSelected((row) => setCancelling(recordOf(row)));

  const confirmDelete = async (r: RecordRef): Promise<boolean> => {
    try {
      await api.call('interventions.delete', { id: r.id, version: r.version });
      notifications.show({ color: 'teal', message: t('grid.deleteDialog.done', { number: r.number }), autoClose: 4000 });
      setDeleting(null);
      setSelection({ cursor: selection.cursor, id: null });
      refresh();
      return true;
    } catch (e) {
      notifyError(e);
      setDeleting(null);
      return false;
    }
  };
  const confirmCancel = async (r: RecordRef, reason: string): Promise<boolean> => {
    try {
      await api.call('interventions.cancel', { id: r.id, version: r.version, reason });
      notifications.show({ color: 'teal', message: t('grid.cancelDialog.done', { number: r.number }), autoClose: 4000 });
      setCancelling(null);
      refresh();
      return true;
    } catch (e) {
      notifyError(e);
      setCancelling(null);
      return false;
    }
  };

  const visibleColumns = displayOrder(layout).map((c) => c.id);
  const onExport = (format: 'csv' | 'xlsx') => void startExport(gridConfig.depth === 0 && gridConfig.rootPath.length === 0 ? gridConfig.view : baseView, format, visibleColumns);
  const onReport = () => {
    const columns = def.layout.columns.filter((c) => c.visible).map((c) => c.id);
    window.open(reportUrl({ ...baseView, columns }), '_blank', 'noopener');
  };
  const favourite = (me.favourites ?? []).includes('interventions');
  const onFavourite = () => {
    api.call('session.toggleFavourite', { module: 'interventions' }).then((next) => {
      onMeChange(next);
      const now = (next.favourites ?? []).includes('interventions');
      notifications.show({ color: 'yellow', message: now ? t('grid.favouriteAdded') : t('grid.favouriteRemoved'), autoClose: 2500 });
    }, notifyError);
  };

  // ---- saved views ----
  const reloadViews = () =>
    api.call('views.list', { module: 'interventions' }).then((list) => {
      setSavedViews(list);
      return list;
    });
  const saveView = async (name: string, isDefault: boolean, replace: SavedView | null) => {
    try {
      const saved = await api.call('views.save', {
        module: 'interventions',
        ...(replace ? { id: replace.id, version: replace.version } : {}),
        name,
        definition: def,
        isDefault,
      });
      setWorking(savedWorking(saved));
      setSaveAsOpen(false);
      notifications.show({ color: 'teal', message: t('grid.views.saved', { name: saved.name }), autoClose: 3000 });
      await reloadViews().catch(() => undefined);
    } catch (e) {
      const err = toCallError(e);
      if (err.code === 'conflict' && replace) {
        const list = await reloadViews().catch(() => savedViews);
        const fresh = list.find((v) => v.id === replace.id);
        if (fresh) open(savedWorking(fresh));
        notifications.show({ color: 'orange', message: t('grid.views.conflict'), autoClose: 6000 });
      } else {
        notifications.show({ color: 'red', message: t('grid.views.failed', { reason: err.message }), autoClose: 8000 });
      }
    }
  };
  const deleteView = async () => {
    if (working.source.kind !== 'saved') return;
    const v = working.source.view;
    try {
      await api.call('views.delete', { id: v.id, version: v.version });
      notifications.show({ color: 'teal', message: t('grid.views.deleted', { name: v.name }), autoClose: 3000 });
      open(builtinWorking('all', layout));
      await reloadViews().catch(() => undefined);
    } catch (e) {
      notifyError(e);
    }
    setDeleteViewOpen(false);
  };

  // A count that belongs to the view on screen (not the one before a filter changed).
  const total = store.configId === gridKey ? store.total : null;
  const canChoose = (path: Path) => treeChoice(def.groupBy, def.filters, path) !== null;
  const grid = (
    <Grid
      store={store}
      layout={layout}
      groupBy={asTree ? [] : def.groupBy}
      sort={def.sort}
      onSortChange={(sort) => edit({ sort })}
      onLayoutChange={setLayout}
      cursor={selection.cursor}
      selectedId={selection.id}
      onCursorChange={onCursorChange}
      onOpen={onOpen}
      onAdd={onAdd}
      onDelete={onDelete}
      onRefresh={refresh}
      onHeaderMenu={(id, x, y) => setHeaderMenu({ id, x, y })}
      onElement={(el) => {
        gridEl.current = el;
      }}
    />
  );

  return (
    <div className="ivg-window" data-testid="interventions-window">
      <Toolbar
        viewsMenu={
          <ViewsMenu
            source={working.source}
            dirty={dirty}
            saved={savedViews}
            canSave
            onBuiltin={(id) => open(builtinWorking(id, layout))}
            onSaved={(v) => open(savedWorking(v))}
            onSave={() => working.source.kind === 'saved' && void saveView(working.source.view.name, working.source.view.isDefault, working.source.view)}
            onSaveAs={() => setSaveAsOpen(true)}
            onDelete={() => setDeleteViewOpen(true)}
          />
        }
        layoutTools={
          <>
            <GroupBy
              value={def.groupBy}
              onChange={setGroupBy}
              asTree={layout.groupsAsTree}
              onAsTree={(groupsAsTree) => {
                setTreePath([]);
                setLayout({ ...layout, groupsAsTree });
              }}
            />
            <ColumnsMenu layout={layout} onLayoutChange={setLayout} opened={columnsOpen} onOpenedChange={setColumnsOpen} />
          </>
        }
        favourite={favourite}
        showReport={api.mode === 'browser'}
        filtersShown={filtersShown}
        activeFilters={activeFilters(def.filters).length}
        onAdd={onAdd}
        onOpen={() => withSelected(onOpen)}
        onDelete={onDelete}
        onCancel={onCancel}
        onRefresh={refresh}
        onExport={onExport}
        onReport={onReport}
        onFavourite={onFavourite}
        onToggleFilters={() => showFilters(!filtersShown)}
      />
      {filtersShown && (
        <FilterBar
          filters={def.filters}
          lookups={lookups}
          onChange={setFilters}
          search={<SearchBox value={def.filters.search ?? ''} onChange={(search) => setFilters({ ...def.filters, search: search || undefined })} inputRef={searchRef} onLeave={() => gridEl.current?.focus()} />}
        />
      )}
      {activeFilters(def.filters).length > 0 && <FilterChips filters={def.filters} lookups={lookups} onChange={setFilters} />}
      {lookupsError && (
        <Alert color="orange" variant="light" p={6} icon={<IconAlertTriangle size={14} />} data-testid="lookups-error">
          <Text size="xs">{t('grid.lookupsFailed', { reason: lookupsError })}</Text>
        </Alert>
      )}
      <div className="ivg-main">
        {asTree ? (
          <Splitter style={{ flex: 1, minWidth: 0 }} lineSize={1}>
            <Splitter.Pane defaultSize="280px" min="160px" max="60%">
              <GroupTree
                store={treeStore}
                groupBy={def.groupBy}
                chosen={treePath}
                canChoose={canChoose}
                onChoose={(path) => {
                  setTreePath(path);
                  setSelection({ cursor: -1, id: null });
                }}
              />
            </Splitter.Pane>
            <Splitter.Pane defaultSize={100} style={{ display: 'flex', minWidth: 0 }}>
              {grid}
            </Splitter.Pane>
          </Splitter>
        ) : (
          grid
        )}
      </div>
      <div className="ivg-footer">
        <Group gap={8} wrap="nowrap">
          {total === null ? (
            <Text span size="xs" c="dimmed" data-testid="result-count-loading">
              {slowKey === gridKey ? t('grid.working') : t('grid.loading')}
            </Text>
          ) : (
            <Text span size="xs" fw={600} c="dark.5" data-testid="result-count" data-count={total}>
              {t('grid.resultCount', { count: total, n: fmt.count(total) })}
            </Text>
          )}
          <BusyMark store={store} />
          {store.error && (
            <Group gap={6} wrap="nowrap" data-testid="grid-error">
              <Text span size="xs" c="red.7">
                {t('grid.loadFailed', { reason: store.error.message })}
              </Text>
              <Button size="compact-xs" variant="light" color="red" onClick={() => store.retry()}>
                {t('common.retry')}
              </Button>
            </Group>
          )}
        </Group>
        <DatabaseStats appInfo={appInfo} />
      </div>

      <HeaderMenu
        state={headerMenu}
        onClose={() => setHeaderMenu(null)}
        layout={layout}
        sort={def.sort}
        onLayoutChange={setLayout}
        onSortChange={(sort) => edit({ sort })}
        onOpenColumns={() => {
          setHeaderMenu(null);
          setColumnsOpen(true);
        }}
      />
      {formOpen && (
        <InterventionFormSlot
          key={formOpen.seq}
          interventionId={formOpen.id}
          lookups={lookups}
          personId={me.personId}
          canWrite={allows(me.rights, 'interventions', 'write')}
          onClose={() => {
            setFormOpen(null);
            requestAnimationFrame(() => gridEl.current?.focus());
          }}
        />
      )}
      <DeleteDialog record={deleting} onClose={() => setDeleting(null)} onConfirm={confirmDelete} />
      <CancelDialog record={cancelling} onClose={() => setCancelling(null)} onConfirm={confirmCancel} />
      <SaveViewDialog
        opened={saveAsOpen}
        initialName={working.source.kind === 'saved' ? working.source.view.name : ''}
        initialDefault={false}
        onClose={() => setSaveAsOpen(false)}
        onSave={(name, isDefault) => saveView(name, isDefault, null)}
      />
      <DeleteViewDialog
        opened={deleteViewOpen}
        name={working.source.kind === 'saved' ? working.source.view.name : ''}
        onClose={() => setDeleteViewOpen(false)}
        onConfirm={() => void deleteView()}
      />
    </div>
  );
}

/** A small spinner while pages or groups are on their way (re-renders on its own). */
function BusyMark({ store }: { store: GridStore }) {
  useSyncExternalStore(store.subscribe, () => store.busy);
  return store.busy ? <Loader size={12} data-testid="grid-busy" /> : null;
}

function DeleteViewDialog({ opened, name, onClose, onConfirm }: { opened: boolean; name: string; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalConfirm opened={opened} title={t('grid.views.delete')} body={t('grid.views.deleteConfirm', { name })} confirm={t('grid.views.delete')} onClose={onClose} onConfirm={onConfirm} />
  );
}


function ModalConfirm({ opened, title, body, confirm, onClose, onConfirm }: { opened: boolean; title: string; body: string; confirm: string; onClose: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="view-delete-dialog">
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('grid.back')}
          </Button>
          <Button color="red" onClick={onConfirm} data-testid="view-delete-confirm">
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
