/**
 * The English catalogue: the reference every other language must match key for key (its type,
 * `Catalogue`, is derived from this object). Plural families use i18next's suffixes
 * (`_one`, `_other`; other languages add `_few`, `_many` as Intl.PluralRules asks).
 */
export const en = {
  app: {
    name: 'Call Center',
    loading: 'Loading…',
    version: 'Version {{version}}',
  },
  common: {
    close: 'Close',
    retry: 'Try again',
    notConfigured: 'not configured',
  },
  login: {
    title: 'Log in',
    subtitle: 'Use the login and password your administrator gave you.',
    login: 'Login',
    password: 'Password',
    submit: 'Log in',
    language: 'Language',
    loginRequired: 'Enter your login.',
    passwordRequired: 'Enter your password.',
    wrongPassword: 'Wrong login or password.',
    lockedOut_one: 'Too many failed attempts. Try again in {{count}} second.',
    lockedOut_other: 'Too many failed attempts. Try again in {{count}} seconds.',
    lockedOutNow: 'Too many failed attempts. You can try again now.',
    unreachable: 'The server cannot be reached. Check that Call Center is running, then try again.',
    sessionEnded: 'Your session has ended. Log in again to continue.',
    loggedOut: 'You have logged out.',
  },
  nav: {
    label: 'Modules',
    interventions: 'Interventions',
    calendar: 'Calendar',
    clients: 'Clients',
    calls: 'Calls',
    recordings: 'Recordings',
    reports: 'Reports',
    admin: 'Administration',
    noModules: 'Your user has no right on any module. Ask your administrator.',
  },
  modules: {
    interventions: {
      description: 'Service requests from the first call until they are finalized.',
      point1: 'The grid of interventions with grouping, filters and the columns you choose.',
      point2: 'Registering a request: client, contact person, request type, object, priority.',
      point3: 'Team, verifier and planned start and end; status computed from the facts.',
    },
    calendar: {
      description: 'The technicians’ planned work, by day, week and month.',
      point1: 'Every allocated intervention at its planned start and end.',
      point2: 'Moving a visit by dragging it, with the team told by e-mail.',
      point3: 'Visits created by service contracts a few days ahead.',
    },
    clients: {
      description: 'Customers, their contact persons and the assets you service.',
      point1: 'Search by name, fiscal code, phone or e-mail.',
      point2: 'Contact persons who act for the client.',
      point3: 'Assets with serial or lot, and each client’s interventions.',
    },
    calls: {
      description: 'The softphone and the call log.',
      point1: 'Answering and placing calls inside the app.',
      point2: 'The caller’s client and open interventions shown as the phone rings.',
      point3: 'The call log with filters by operator, number and date.',
    },
    recordings: {
      description: 'Recorded phone conversations, for quality review.',
      point1: 'Listening to a call from the call log or from its intervention.',
      point2: 'Search by date, operator and client.',
      point3: 'Who may listen follows the rights on this module.',
    },
    reports: {
      description: 'Quick reports and the named reports of the call center.',
      point1: 'A quick report of whatever a grid shows.',
      point2: 'Interventions by status, request type, technician and period.',
      point3: 'Export to spreadsheet and PDF.',
    },
    admin: {
      description: 'Users and rights, numbering series, request types and settings.',
      point1: 'Users, roles and rights per module.',
      point2: 'Document series and request types (classification 1, 2 and 3).',
      point3: 'Operation log level, session lock and mail settings.',
    },
  },
  notBuilt: {
    badge: 'Not built yet',
    title: 'This module is not built yet',
    release: '{{module}} arrives in release {{release}}.',
    planned: 'Planned for this module',
    meanwhile: 'Nothing in this module can be used or changed in this version.',
  },
  overview: {
    title: 'Overview',
    subtitle: 'What the database you are working on holds.',
    interventions_one: 'intervention',
    interventions_other: 'interventions',
    clients_one: 'client',
    clients_other: 'clients',
    personnel_one: 'employee',
    personnel_other: 'employees',
    gridComing: 'The interventions grid (columns, grouping, filters) comes in the next release, {{release}}.',
    loadFailed: 'The overview could not be loaded.',
  },
  header: {
    userMenu: 'User menu',
    signedInAs: 'Signed in as {{login}}',
    language: 'Language',
    logout: 'Log out',
    shortcuts: 'Keyboard shortcuts',
  },
  language: {
    saveFailed: 'The language could not be saved: {{reason}}',
  },
  roles: {
    operator: 'Operator',
    supervisor: 'Supervisor',
    technician: 'Technician',
    admin: 'Administrator',
  },
  status: {
    user: 'User',
    database: 'Database',
    demo: 'demo',
    mode: 'Mode',
    desktop: 'Desktop',
    browser: 'Browser',
    sip: 'SIP',
    sync: 'Sync',
    sessionLocked: 'Session locked for changes',
    connected: 'Connected',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
  },
  connection: {
    lost: 'The connection to the server was lost. Reconnecting…',
    restored: 'Connection restored.',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    goTo: 'Go to {{module}}',
    languageMenu: 'Open the language menu',
    help: 'Show this help',
    note: 'Shortcuts work everywhere except while you type in a field.',
  },
  errors: {
    badRequest: 'The app sent a request the server did not understand. Reload the page and try again.',
    validation: 'Some fields are not valid. Correct them and try again.',
    unauthenticated: 'Your session has ended. Log in again.',
    forbidden: 'You do not have the right to do this.',
    notFound: 'What you asked for no longer exists; it may have been deleted.',
    conflict: 'Someone else changed this record at the same time. Reload it and try again.',
    unknownMethod: 'This app and the server are different versions. Reload the page.',
    tooLarge: 'This is too large to send.',
    internal: 'Something went wrong on the server. It was logged; try again.',
    disconnected: 'The connection to the server was lost before the answer came. Try again.',
    unreachable: 'The server cannot be reached. Check your connection and try again.',
  },
} as const;

type PluralSuffix = `_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The shape of `T` with every string widened, and each plural family (`x_one`, `x_other` in
 * English) replaced by the suffixes of the categories `C` of the target language.
 */
type Shape<T, C extends string> = Simplify<
  {
    -readonly [K in keyof T as K extends `${string}${PluralSuffix}` ? never : K]: T[K] extends string ? string : Shape<T[K], C>;
  } & {
    -readonly [K in keyof T as K extends `${infer B}_other` ? `${B}_${C}` : never]: string;
  }
>;

/**
 * A catalogue for a language whose Intl.PluralRules categories are `C`: the same keys as
 * English, so a missing or extra key is a type error.
 */
export type Catalogue<C extends string = 'one' | 'other'> = Shape<typeof en, C>;
