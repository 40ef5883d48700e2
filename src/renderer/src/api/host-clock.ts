/*
 * The host's clock, as the page sees it. Main dates documents, checks working periods and says
 * what "today" is by its own clock; a page on a machine whose clock differs (browser mode from
 * another computer, a test host whose clock is pinned) must agree with it, or the dates it
 * proposes fall outside what main accepts. Days are still the page's local days.
 */
let offsetMs = 0;

/** Called with the host's time of a session answer; anything but a number leaves the clock alone. */
export function syncHostClock(hostNow: number | null | undefined, localNow = Date.now()): void {
  if (typeof hostNow === 'number' && Number.isFinite(hostNow)) offsetMs = hostNow - localNow;
}

/** Epoch ms by the host's clock. */
export function hostNow(): number {
  return Date.now() + offsetMs;
}

/** A day on this computer's calendar as yyyy-mm-dd (documents are dated by the local day). */
export function localDay(at: number = hostNow()): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
