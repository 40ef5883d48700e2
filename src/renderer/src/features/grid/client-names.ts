/**
 * Names of clients met in searches, by id: a view keeps only client ids, and its chips and the
 * client filter still show names after a reload. Kept in localStorage, at most MAX entries.
 */
const KEY = 'callcenter.interventions.clientNames';
const MAX = 500;

let names: Map<string, string> | null = null;

function load(): Map<string, string> {
  if (names) return names;
  names = new Map();
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) for (const e of parsed) if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') names.set(e[0], e[1]);
  } catch {
    // A broken entry is only a cache: start empty.
  }
  return names;
}

export function rememberClients(list: readonly { id: string; name: string }[]): void {
  const map = load();
  for (const c of list) {
    map.delete(c.id);
    map.set(c.id, c.name);
  }
  while (map.size > MAX) map.delete(map.keys().next().value!);
  try {
    localStorage.setItem(KEY, JSON.stringify([...map]));
  } catch {
    // Storage full or disabled: names stay for this session.
  }
}

export function clientName(id: string): string | undefined {
  return load().get(id);
}
