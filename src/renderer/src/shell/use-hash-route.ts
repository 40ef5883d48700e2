import { useCallback, useSyncExternalStore } from 'react';
import { MODULES, type ModuleName } from '../../../shared/domain/permissions';

/** Where the window is: My page, or a module. */
export type Route = ModuleName | 'home';

/** '#/calendar' → 'calendar', '#/home' → 'home'; anything else → null. */
function routeFromHash(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  if (name === 'home') return 'home';
  return (MODULES as readonly string[]).includes(name) ? (name as ModuleName) : null;
}

/** The view named in the address ('#/interventions?view=builtin:unread'), for a favourite to open. */
export function viewFromHash(hash: string = window.location.hash): string | null {
  const query = hash.split('?')[1];
  return query ? new URLSearchParams(query).get('view') : null;
}

export function hashFor(route: Route, view: string | null = null): string {
  return view ? `#/${route}?view=${encodeURIComponent(view)}` : `#/${route}`;
}

const subscribe = (notify: () => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

/** The place in the address (#/clients): reload, back and forward keep it. */
export function useHashRoute(): [Route | null, (route: Route, replace?: boolean) => void] {
  const route = useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
  const navigate = useCallback((to: Route, replace = false) => {
    const hash = hashFor(to);
    if (routeFromHash(window.location.hash) === to) return;
    if (replace) {
      history.replaceState(history.state, '', hash);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      window.location.hash = hash;
    }
  }, []);
  return [route, navigate];
}
