import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { builtinView, type BuiltinViewId, type SavedView, type ViewDefinition, type ViewLayout } from '../../../../shared/grid/views';
import type { ApiClient } from '../../api/client';
import { toCallError } from '../../api/errors';
import { builtinOfFavourite, completeLayout, type WorkingView } from './view-model';

export function builtinWorking(id: BuiltinViewId, layout?: ViewLayout): WorkingView {
  // Built-in views choose rows (filters, sort); they keep the columns the user has arranged.
  const d = builtinView(id);
  const def: ViewDefinition = { ...d, layout: completeLayout(layout ?? d.layout) };
  return { source: { kind: 'builtin', id }, baseline: def, definition: def };
}

export function savedWorking(view: SavedView): WorkingView {
  const def: ViewDefinition = { ...view.definition, layout: completeLayout(view.definition.layout) };
  return { source: { kind: 'saved', view }, baseline: def, definition: def };
}

/**
 * The view being worked on and the user's saved views: the default one opens at start (unless
 * the user already started working), Save / Save as / Delete, a stale save reloads the view.
 */
export function useSavedViews(api: ApiClient, onOpened: () => void, notifyError: (e: unknown) => void, initialView: string | null = null) {
  const { t } = useTranslation();
  // A favourite opened from My page names its view: a built-in one opens at once, a saved one
  // once the list is there; either way it wins over the default view.
  const [working, setWorkingState] = useState<WorkingView>(() => builtinWorking(builtinOfFavourite(initialView) ?? 'all'));
  const [savedViews, setSavedViews] = useState<SavedView[]>([]);
  const touched = useRef(builtinOfFavourite(initialView) !== null);

  /** A change the user made: from then on the default view no longer replaces it. */
  // The same function on every render: the window's memoised parts (the filter bar) keep theirs.
  const setWorking = useCallback<Dispatch<SetStateAction<WorkingView>>>((next) => {
    touched.current = true;
    setWorkingState(next);
  }, []);
  const open = (w: WorkingView) => {
    setWorking(w);
    onOpened();
  };

  useEffect(() => {
    api.call('views.list', { module: 'interventions' }).then(
      (list) => {
        setSavedViews(list);
        const named = initialView ? list.find((v) => v.id === initialView) : undefined;
        const preferred = named ?? list.find((v) => v.isDefault);
        if (preferred && !touched.current) setWorkingState(savedWorking(preferred));
      },
      () => setSavedViews([]),
    );
  }, [api, initialView]);

  const reloadViews = () =>
    api.call('views.list', { module: 'interventions' }).then((list) => {
      setSavedViews(list);
      return list;
    });

  /** True when saved (the dialog closes). */
  const saveView = async (name: string, isDefault: boolean, replace: SavedView | null): Promise<boolean> => {
    try {
      const saved = await api.call('views.save', {
        module: 'interventions',
        ...(replace ? { id: replace.id, version: replace.version } : {}),
        name,
        definition: working.definition,
        isDefault,
      });
      setWorkingState(savedWorking(saved));
      notifications.show({ color: 'teal', message: t('grid.views.saved', { name: saved.name }), autoClose: 3000 });
      await reloadViews().catch(() => undefined);
      return true;
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
      return false;
    }
  };

  const deleteView = async () => {
    if (working.source.kind !== 'saved') return;
    const v = working.source.view;
    try {
      await api.call('views.delete', { id: v.id, version: v.version });
      notifications.show({ color: 'teal', message: t('grid.views.deleted', { name: v.name }), autoClose: 3000 });
      open(builtinWorking('all', working.definition.layout));
      await reloadViews().catch(() => undefined);
    } catch (e) {
      notifyError(e);
    }
  };

  return { working, setWorking, open, savedViews, saveView, deleteView };
}
