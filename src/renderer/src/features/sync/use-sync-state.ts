import { useEffect, useState } from 'react';
import type { SyncState } from '../../../../shared/api/sync';
import { useApi } from '../../api/context';

/** The sync's state, asked once and then kept current by the 'sync.state' event; null until known. */
export function useSyncState(): SyncState | null {
  const api = useApi();
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    let live = true;
    api.call('sync.status', {}).then(
      (s) => live && setState(s),
      () => undefined,
    );
    const off = api.on('sync.state', (s) => setState(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}
