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
