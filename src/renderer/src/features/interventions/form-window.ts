/*
 * The intervention form as a window of its own: the app's own page with ?intervention=<id>
 * (browser mode: a new tab; desktop: main opens a second BrowserWindow on the same URL).
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function formWindowUrl(id: string): string {
  return `/?intervention=${encodeURIComponent(id)}`;
}

/** The id the page was opened for; null when the page is not a form window, '' when the id is not one. */
export function formWindowId(search: string): string | null {
  const id = new URLSearchParams(search).get('intervention');
  if (id === null) return null;
  return ID.test(id) ? id : '';
}
