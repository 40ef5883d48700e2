import type { App } from '../app/open';
import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { catalogueHandlers } from '../catalogue/handlers';
import { clientsHandlers } from '../clients/handlers';
import type { Handlers, StreamHandlers } from '../core/handler';
import { exportsHandlers, exportsStreamHandlers } from '../exports/handlers';
import { filesStreamHandlers } from '../files/handlers';
import { gridHandlers } from '../grid/handlers';
import { interventionsHandlers } from '../interventions/handlers';
import { numberingHandlers } from '../numbering/handlers';
import { personnelHandlers } from '../personnel/handlers';
import { requestTypesHandlers } from '../request-types/handlers';
import { settingsHandlers } from '../settings/handlers';
import { threadHandlers } from '../thread/handlers';
import { syncHandlers } from '../sync/handlers';
import { callsHandlers, recordingsHandlers, recordingsStreamHandlers } from '../calls/handlers';
import { calendarHandlers } from '../calendar/handlers';
import { contractsHandlers } from '../contracts/handlers';
import { mailHandlers } from '../mail/handlers';

/**
 * The index of the capabilities' handler maps, one line each. A capability with state gets it
 * here from the opened app; the Handlers type makes a missing or extra method a type error.
 */
export function createHandlers(app: App): Handlers {
  return {
    ...authHandlers(app.sessions),
    ...settingsHandlers(app.settings, app.identity),
    ...clientsHandlers,
    ...catalogueHandlers,
    ...personnelHandlers,
    ...requestTypesHandlers,
    ...numberingHandlers,
    ...interventionsHandlers,
    ...threadHandlers,
    ...auditHandlers,
    ...gridHandlers(app.grid),
    ...exportsHandlers(app.exports),
    ...syncHandlers(app.sync),
    ...callsHandlers(app.secrets, app.settings, app.exports),
    ...recordingsHandlers(app.recordings, app.reviews),
    ...calendarHandlers(),
    ...contractsHandlers(app.contracts),
    ...mailHandlers(app.secrets, app.settings, app.mail, app.mailWatcher),
  };
}

/** The index of the capabilities' transfers (uploads and downloads), like the methods'. */
export function createStreamHandlers(app: App): StreamHandlers {
  return {
    ...filesStreamHandlers(app.files, app.settings),
    ...exportsStreamHandlers(app.exports),
    ...recordingsStreamHandlers(app.recordings),
  };
}
