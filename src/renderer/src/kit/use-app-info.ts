import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { toCallError, type CallError } from '../api/errors';
import type { AppInfo } from '../../../shared/api/settings';
import type { Capability } from '../../../shared/api/capabilities';

export interface AppInfoState {
  info: AppInfo | null;
  error: CallError | null;
  loading: boolean;
  reload: () => void;
}

/** The capabilities whose rows the status bar counts. */
const COUNTED = new Set<Capability>(['interventions', 'clients', 'personnel']);

/** app.info, refreshed (at most once a second) when counted tables change or the connection returns. */
export function useAppInfo(): AppInfoState {
  const api = useApi();
  const [state, setState] = useState<Omit<AppInfoState, 'reload'>>({ info: null, error: null, loading: true });
  const generation = useRef(0);

  // State is only set when the answer comes, so effects may call this.
  const load = useCallback(() => {
    const mine = ++generation.current;
    api.call('app.info', {}).then(
      (info) => mine === generation.current && setState({ info, error: null, loading: false }),
      (e: unknown) => mine === generation.current && setState((s) => ({ info: s.info, error: toCallError(e), loading: false })),
    );
  }, [api]);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load();
  }, [load]);

  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      timer ??= setTimeout(() => {
        timer = null;
        load();
      }, 1000);
    };
    const offData = api.on('data.changed', ({ capability }) => COUNTED.has(capability) && later());
    let previous = api.connectionState;
    const offConnection = api.onConnectionChange((state) => {
      if (state === 'connected' && previous === 'reconnecting') later();
      previous = state;
    });
    return () => {
      offData();
      offConnection();
      if (timer) clearTimeout(timer);
    };
  }, [api, load]);

  return { ...state, reload };
}
