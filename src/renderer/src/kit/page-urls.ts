/*
 * The evolution sheet is the app's own page with ?sheet=<interventionId>, like the quick report
 * (?report=…): the built page loads its scripts by relative paths, so it is served from the root.
 */
const ID = /^[0-9A-Za-z-]{1,64}$/;

export function sheetUrl(interventionId: string): string {
  return `/?sheet=${encodeURIComponent(interventionId)}`;
}

/** Whether the page is a sheet (?sheet= present) and, if it names a possible id, which intervention. */
export function readSheetParam(search: string): { id: string | null } | null {
  const raw = new URLSearchParams(search).get('sheet');
  if (raw === null) return null;
  return { id: ID.test(raw) ? raw : null };
}

/*
 * The intervention form as a window of its own: the app's own page with ?intervention=<id>
 * (browser mode: a new tab; desktop: main opens a second BrowserWindow on the same URL).
 */

const FORM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function formWindowUrl(id: string): string {
  return `/?intervention=${encodeURIComponent(id)}`;
}

/** The id the page was opened for; null when the page is not a form window, '' when the id is not one. */
export function formWindowId(search: string): string | null {
  const id = new URLSearchParams(search).get('intervention');
  if (id === null) return null;
  return FORM_ID.test(id) ? id : '';
}

/** A recording opened for review in the Recordings module (the shell's #/<module>?view= address). */
export function recordingReviewHash(recordingId: string): string {
  return `#/recordings?view=${encodeURIComponent(recordingId)}`;
}
