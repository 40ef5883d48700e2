import type { calendarMethods } from '../../shared/api/calendar';
import type { HandlerMap } from '../core/handler';
import { technicianClashes } from './clashes';
import { calendarEvents, calendarResources } from './events';

/** The handlers of shared/api/calendar.ts (the dispatcher checked the right to the calendar). */
export const calendarHandlers = (): HandlerMap<keyof typeof calendarMethods> => ({
  'calendar.events': (input, { ctx }) => calendarEvents(ctx, input),
  'calendar.resources': (_input, { ctx }) => calendarResources(ctx),
  'calendar.clashes': (input, { ctx }) => technicianClashes(ctx, input),
});
