import type { ApiErrorBody } from './result';

/*
 * The first start of the desktop app (no database chosen yet): the page asks main, over the
 * bridge, to open the demo, create a new database with an administrator password the user
 * chooses, or open an existing file. Files are picked in main's own dialogs; the page only gets a
 * token for the picked file and its path to show (main/app/workstation.ts, electron/setup-ipc.ts).
 */

export interface SetupStatus {
  /** Where the demo database lives (or will be made). */
  demoPath: string;
  demoExists: boolean;
  /** How many interventions the demo is made with. */
  demoInterventions: number;
  /** The demo's logins, shown on the screen (each with the password "demo"). */
  demoLogins: string[];
}

/** A file picked in one of main's dialogs: the token names it in the next call. */
export interface PickedFile {
  token: string;
  path: string;
}

/** Why a choice was refused, for the screen to say in the user's language (with the file's path). */
export type SetupReason = 'notAbsolute' | 'noFolder' | 'exists' | 'notFile' | 'notDatabase' | 'notOurs' | 'password' | 'notPicked' | 'busy';

/** An answer of main's setup side: on refusal, the reason (and file) besides the English message for the log. */
export type SetupResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody; reason?: SetupReason; path?: string };

export interface SetupBridge {
  status(): Promise<SetupStatus>;
  openDemo(): Promise<SetupResult<null>>;
  /** A save dialog for a new database file; null value when the user cancels. */
  pickNew(): Promise<SetupResult<PickedFile | null>>;
  /** An open dialog for an existing database file; null value when the user cancels. */
  pickExisting(): Promise<SetupResult<PickedFile | null>>;
  create(token: string, adminPassword: string): Promise<SetupResult<null>>;
  open(token: string): Promise<SetupResult<null>>;
}

export const IPC_SETUP = 'setup:call';
export const SETUP_ACTIONS = ['status', 'openDemo', 'pickNew', 'pickExisting', 'create', 'open'] as const;
