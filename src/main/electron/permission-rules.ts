import { isAppUrl } from './external-links';

/*
 * Which permission requests the desktop app grants: only the microphone (the softphone), only
 * audio, and only to our own page in the top frame. Electron hands the handlers the window's
 * web contents, whose URL is the top frame's; the frame that actually asks is in the details
 * (requestingUrl, isMainFrame), so both are checked: an iframe inside our page gets nothing.
 * No Electron import: tested as plain functions.
 */

export interface MediaRequest {
  permission: string;
  /** The top frame's URL (webContents.getURL()). */
  topUrl: string;
  /** details.requestingUrl: the last URL the asking frame loaded. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** details.mediaTypes of a 'media' request. */
  mediaTypes: readonly string[] | undefined;
}

/** setPermissionRequestHandler: getUserMedia({ audio: true }) from our page's top frame. */
export function grantsRequest(r: MediaRequest): boolean {
  if (r.permission !== 'media' || !r.isMainFrame) return false;
  if (!r.mediaTypes || r.mediaTypes.length === 0 || !r.mediaTypes.every((t) => t === 'audio')) return false;
  return isAppUrl(r.topUrl) && r.requestingUrl !== undefined && isAppUrl(r.requestingUrl);
}

export interface MediaCheck {
  permission: string;
  /** The origin asking (the check handler's requestingOrigin). */
  requestingOrigin: string;
  isMainFrame: boolean;
  /** details.mediaType: 'audio', 'video' or 'unknown' (device enumeration). */
  mediaType: string | undefined;
}

/** setPermissionCheckHandler: may our page's top frame see that it holds the microphone (device labels)? */
export function grantsCheck(c: MediaCheck): boolean {
  return c.permission === 'media' && c.isMainFrame && c.mediaType !== 'video' && isAppUrl(c.requestingOrigin);
}
