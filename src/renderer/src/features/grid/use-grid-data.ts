import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import { GRID_SOURCES, type Capability } from '../../../../shared/api/capabilities';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { ViewDefinition } from '../../../../shared/grid/views';
import type { ApiClient } from '../../api/client';
import { toCallError } from '../../api/errors';
import { GridStore, type StoreConfig } from './grid-store';
import type { Path } from './line-model';
import { toGridView, treeChoice } from './view-model';
import { useLanguageChanges } from '../../kit/use-language-change';

/** The capabilities behind the filter lists. */
const LOOKUP_SOURCES = new Set<Capability>(['clients', 'personnel', 'request-types']);

/**
 * What the interventions window shows, kept current: the grid's store (and the tree's, when
 * groups show as a tree) configured from the view, the filter lists, and a refresh when
 * another window or operator changes what the grid shows.
 */
export function useGridData(api: ApiClient, def: ViewDefinition, asTree: boolean, treePath: Path) {
  const [store] = useState(() => new GridStore(api));
  const [treeStore] = useState(() => new GridStore(api));
  useSyncExternalStore(store.subscribe, store.getSummary);
  const [lookups, setLookups] = useState<InterventionLookups | null>(null);
  const [lookupsError, setLookupsError] = useState<string | null>(null);

  // ---- what the grid (and the tree) ask the server for ----
  const baseView = toGridView(def);
  const gridConfig = gridConfigOf(def, asTree, treePath);
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

  // ---- the filter lists ----
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
      // The thread too: each row carries the viewer's unread count.
      if (!GRID_SOURCES.includes(capability) && capability !== 'thread') return;
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

  // Request types and classifications are named in the user's language: read them again in the new one.
  const languageChanges = useLanguageChanges();
  useEffect(() => {
    if (languageChanges === 0) return;
    refreshStores();
    reloadLookups();
  }, [languageChanges]);

  const refresh = () => {
    store.refresh();
    if (asTree) treeStore.refresh();
  };
  /**
   * Asks for the grid's rows of a definition about to be set, from the event handler that sets
   * it: a new sort's first page is on its way while the window renders for it, instead of after
   * (that render took ~100 ms of a first sort's ~300 at 1M rows, bench/grid-ui). The effect above
   * then finds the store already on that view.
   */
  const prefetch = (next: ViewDefinition) => store.setConfig(gridConfigOf(next, asTree, treePath));
  return {
    store,
    prefetch,
    treeStore,
    baseView,
    gridConfig,
    /** A count that belongs to the view on screen (not the one before a filter changed). */
    total: store.configId === gridKey ? store.total : null,
    /** The view is taking long: the footer says the server is preparing it. */
    slow: slowKey === gridKey,
    lookups,
    lookupsError,
    refresh,
  };
}

/** The view, depth and root the grid's store reads for a definition (in a tree: the chosen branch). */
function gridConfigOf(def: ViewDefinition, asTree: boolean, treePath: Path): StoreConfig {
  const baseView = toGridView(def);
  const choice = asTree ? treeChoice(def.groupBy, def.filters, treePath) : null;
  return !asTree
    ? { view: baseView, depth: def.groupBy.length, rootPath: [] }
    : choice?.kind === 'path'
      ? { view: baseView, depth: 0, rootPath: choice.path }
      : { view: { ...toGridView(def, choice?.kind === 'filters' ? choice.filters : def.filters), groupBy: [] }, depth: 0, rootPath: [] };
}
