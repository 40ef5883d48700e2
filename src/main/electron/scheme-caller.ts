import type { ApiErrorBody } from '../../shared/api/result';
import type { Caller } from '../api/dispatcher';

/*
 * Pure helpers of the desktop shell (no Electron import), tested as plain functions.
 */

/**
 * Who asks for an app://bundle/files/… or /exports/… address. The protocol handler is not told
 * which window asks, so the answer is the one user logged in across our windows (the form's own
 * window shares its opener's session). Should windows ever hold sessions of two different users,
 * nobody is guessed: the request is refused. The dispatcher's guard then checks the right and,
 * for an export, that it is that user's own.
 */
export function schemeCallerOf(callers: readonly Caller[], userOf: (token: string | null) => string | null): Caller | ApiErrorBody {
  const live = callers.map((c) => ({ c, user: c.token ? userOf(c.token) : null })).filter((x) => x.user !== null);
  if (live.length === 0) return { transport: 'ipc', token: null };
  const users = new Set(live.map((x) => x.user));
  if (users.size > 1) return { code: 'forbidden', message: 'Windows of two different users are open: log out of one to download.' };
  return live[0]!.c;
}

/** A safe file name for "Save as PDF", from what the page suggests. */
export function pdfFileName(suggested: unknown): string {
  // Characters no file system takes (and control characters) become spaces.
  const base = typeof suggested === 'string' ? [...suggested].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? ' ' : c)).join('').replace(/\s+/g, ' ').trim().slice(0, 120) : '';
  const name = base || 'document';
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}
