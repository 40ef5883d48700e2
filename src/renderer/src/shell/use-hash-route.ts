import { useCallback, useSyncExternalStore } from 'react';
import { MODULES, type ModuleName } from '../../../shared/domain/permissions';

/** '#/calendar' → 'calendar'; anything else → null. */
function moduleFromHash(hash: string): ModuleName | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (MODULES as readonly string[]).includes(name) ? (name as ModuleName) : null;
}

export function hashFor(module: ModuleName): string {
  return `#/${module}`;
}

const subscribe = (notify: () => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

/** The module in the address (#/clients): reload, back and forward keep the place. */
export function useHashRoute(): [ModuleName | null, (module: ModuleName, replace?: boolean) => void] {
  const route = useSyncExternalStore(subscribe, () => moduleFromHash(window.location.hash));
  const navigate = useCallback((module: ModuleName, replace = false) => {
    const hash = hashFor(module);
    if (window.location.hash === hash) return;
    if (replace) {
      history.replaceState(history.state, '', hash);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      window.location.hash = hash;
    }
  }, []);
  return [route, navigate];
}
