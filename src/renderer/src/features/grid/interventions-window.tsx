import './interventions.css';
import { Alert, Splitter, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/api/auth';
import { allows } from '../../../../shared/domain/permissions';
import type { ColumnId, GridRow, GroupId } from '../../../../shared/grid/columns';
import type { GridFilters, GridSort } from '../../../../shared/grid/query';
import type { ViewDefinition, ViewLayout } from '../../../../shared/grid/views';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorText, refusalText } from '../../i18n/error-text';
import { InterventionFormSlot } from '../../kit/slots';
import type { AppInfoState } from '../../kit/use-app-info';
import { displayOrder } from './column-order';
import { ColumnsMenu, HeaderMenu } from './columns-menu';
import { FilterBar, FilterChips } from './filter-bar';
import { Grid } from './grid';
import { GridFooter } from './grid-footer';
import { GroupBy } from './group-by';
import { GroupTree } from './group-tree';
import { lineAt, type Path } from './line-model';
import { CancelDialog, DeleteDialog, type RecordRef } from './record-dialogs';
import { reportUrl } from './report-params';
import { SearchBox } from './search-box';
import { Toolbar } from './toolbar';
import { useExport } from './use-export';
import { useGridData } from './use-grid-data';
import { builtinWorking, savedWorking, useSavedViews } from './use-saved-views';
import { activeFilters, favouriteOf, isDirty, treeChoice } from './view-model';
import { DeleteViewDialog, SaveViewDialog, ViewsMenu } from './views-menu';

const FILTERS_SHOWN_KEY = 'callcenter.interventions.filtersShown';

function readFiltersShown(): boolean {
  try {
    return localStorage.getItem(FILTERS_SHOWN_KEY) !== '0';
  } catch {
    return true;
  }
}

/** "INT 123"; a draft has its series but no number yet, and says so (not "INT" alone). */
function documentNumber(row: Pick<GridRow, 'series' | 'number'>, none: string): string {
  if (row.number === null || row.number === undefined || row.number === '') return none;
  return [row.series, row.number].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
}

interface Props {
  me: Me;
  onMeChange: (me: Me) => void;
  appInfo: AppInfoState;
  /** The view to open first (a favourite from My page): 'builtin:<id>' or a saved view's id. */
  view?: string | null;
}

/** The interventions window: where operators spend their day. */
export function InterventionsWindow({ me, onMeChange, appInfo, view = null }: Props) {
  const api = useApi();
  const { t } = useTranslation();
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
  const startExport = useExport();
  const notifyError = (e: unknown) => {
    const err = toCallError(e);
    notifications.show({ color: 'red', title: errorText(t, err.code), message: err.refusal ? refusalText(t, err.refusal) : err.message, autoClose: 8000 });
  };

  // A view opened (built-in or saved): the tree starts at its top, nothing is selected.
  const views = useSavedViews(
    api,
    () => {
      setTreePath([]);
      setSelection({ cursor: -1, id: null });
    },
    notifyError,
    view,
  );
  const { working, setWorking, open } = views;
  const def = working.definition;
  const layout = def.layout;
  const dirty = isDirty(working);
  const asTree = layout.groupsAsTree && def.groupBy.length > 0;
  const data = useGridData(api, def, asTree, treePath);
  const { store, treeStore, lookups, refresh } = data;

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
  // Stable across renders, so the filter bar (memoised) is not drawn again when only the sort or
  // the rows change: its Mantine inputs were a good part of a sort click's ~100 ms render.
  const edit = useCallback((patch: Partial<ViewDefinition>) => setWorking((w) => ({ ...w, definition: { ...w.definition, ...patch } })), [setWorking]);
  const setFilters = useCallback(
    (filters: GridFilters) => {
      edit({ filters });
      setSelection((s) => ({ cursor: -1, id: s.id }));
    },
    [edit],
  );
  const setGroupBy = (groupBy: GroupId[]) => {
    edit({ groupBy });
    setTreePath([]);
    setSelection((s) => ({ cursor: -1, id: s.id }));
  };
  const setLayout = (next: ViewLayout) => edit({ layout: next });
  const setSort = (sort: GridSort) => {
    data.prefetch({ ...def, sort });
    edit({ sort });
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
  const { gridConfig, baseView } = data;
  const onExport = (format: 'csv' | 'xlsx') => void startExport(gridConfig.depth === 0 && gridConfig.rootPath.length === 0 ? gridConfig.view : baseView, format, visibleColumns);
  const onReport = () => {
    const columns = def.layout.columns.filter((c) => c.visible).map((c) => c.id);
    window.open(reportUrl({ ...baseView, columns }), '_blank', 'noopener');
  };
  // The star pins the view on screen (as it was opened) to My page.
  const pinned = favouriteOf(working.source);
  const isPinned = (m: Me) => m.favourites.some((f) => f.module === 'interventions' && f.view === pinned.view);
  const favourite = isPinned(me);
  const onFavourite = () => {
    api.call('session.toggleFavourite', pinned).then((next) => {
      onMeChange(next);
      notifications.show({ color: 'yellow', message: isPinned(next) ? t('grid.favouriteAdded') : t('grid.favouriteRemoved'), autoClose: 2500 });
    }, notifyError);
  };

  const searchBox = useMemo(
    () => <SearchBox value={def.filters.search ?? ''} onChange={(search) => setFilters({ ...def.filters, search: search || undefined })} inputRef={searchRef} onLeave={() => gridEl.current?.focus()} />,
    [def.filters, setFilters],
  );
  const canChoose = (path: Path) => treeChoice(def.groupBy, def.filters, path) !== null;
  const grid = (
    <Grid
      store={store}
      layout={layout}
      groupBy={asTree ? [] : def.groupBy}
      sort={def.sort}
      onSortChange={setSort}
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
        const first = gridEl.current === null && el !== null;
        gridEl.current = el;
        // The window opens with the grid focused (Insert, Enter and the arrows work at once),
        // unless the user already is somewhere else.
        if (first && (document.activeElement === null || document.activeElement === document.body)) el.focus({ preventScroll: true });
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
            saved={views.savedViews}
            canSave
            onBuiltin={(id) => open(builtinWorking(id, layout))}
            onSaved={(v) => open(savedWorking(v))}
            onSave={() => working.source.kind === 'saved' && void views.saveView(working.source.view.name, working.source.view.isDefault, working.source.view)}
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
          search={searchBox}
        />
      )}
      {activeFilters(def.filters).length > 0 && <FilterChips filters={def.filters} lookups={lookups} onChange={setFilters} />}
      {data.lookupsError && (
        <Alert color="orange" variant="light" p={6} icon={<IconAlertTriangle size={14} />} data-testid="lookups-error">
          <Text size="xs">{t('grid.lookupsFailed', { reason: data.lookupsError })}</Text>
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
      <GridFooter store={store} total={data.total} slow={data.slow} appInfo={appInfo} />

      <HeaderMenu
        state={headerMenu}
        onClose={() => setHeaderMenu(null)}
        layout={layout}
        sort={def.sort}
        onLayoutChange={setLayout}
        onSortChange={setSort}
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
          canAddRequestTypes={allows(me.rights, 'admin', 'write')}
          onClose={(shownId) => {
            setFormOpen(null);
            // A new intervention just saved becomes the selected row (where the view shows it).
            if (shownId && !formOpen.id) setSelection({ cursor: store.lineOfRowId(shownId), id: shownId });
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
        onSave={async (name, isDefault) => {
          if (await views.saveView(name, isDefault, null)) setSaveAsOpen(false);
        }}
      />
      <DeleteViewDialog
        opened={deleteViewOpen}
        name={working.source.kind === 'saved' ? working.source.view.name : ''}
        onClose={() => setDeleteViewOpen(false)}
        onConfirm={() => {
          setDeleteViewOpen(false);
          void views.deleteView();
        }}
      />
    </div>
  );
}
