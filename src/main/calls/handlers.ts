import type { callsMethods } from '../../shared/api/calls';
import type { recordingsMethods, recordingsStreams } from '../../shared/api/recordings';
import { allows } from '../../shared/domain/permissions';
import { user as loggedIn, type HandlerMap, type StreamHandlerMap } from '../core/handler';
import type { SecretBox } from '../core/secrets';
import type { SettingsService } from '../settings/settings';
import { connection, deleteAccount, getAccount, saveAccount } from './account';
import type { ExportService } from '../exports/exports';
import { beginCall, linkCall, markHandled, progressCall, setCallClient } from './log';
import { callGroups, callsExportQuery, callsOfIntervention, listCalls, type Hearing } from './log-queries';
import { screenPop } from './lookup';
import type { Recordings } from './recording';
import type { RecordingReviews } from './recording-review';

/** Supervisors and administrators (the right to change recordings) hear everyone's; others their own. */
const hearsAll = (me: Parameters<typeof loggedIn>[0]) => allows(loggedIn(me).rights, 'recordings', 'write');

/** Whose recordings the caller hears (the call log links them): everyone's, their own, or none. */
function hearing(me: Parameters<typeof loggedIn>[0]): Hearing {
  return hearsAll(me) ? 'all' : allows(loggedIn(me).rights, 'recordings', 'read') ? 'own' : 'none';
}

/** The handlers of shared/api/calls.ts: each user's own account and calls (the dispatcher checked the right). */
export function callsHandlers(secrets: SecretBox, settings: SettingsService, exports: ExportService): HandlerMap<keyof typeof callsMethods> {
  const region = () => settings.get().phoneRegion;
  const user = (actor: { userId: string | null }) => actor.userId!;
  return {
    'calls.account.get': (_, { ctx, actor }) => getAccount(ctx, user(actor)),
    'calls.account.save': (input, { ctx, actor }) => saveAccount(ctx, secrets, user(actor), settings.get().telephonyServers, input),
    'calls.account.delete': (_, { ctx, actor }) => deleteAccount(ctx, user(actor)),
    'calls.account.connect': (_, { ctx, actor }) => connection(ctx, secrets, user(actor)),
    'calls.lookup': ({ number }, { ctx }) => screenPop(ctx, number, region()),
    'calls.begin': (input, { ctx, actor }) => beginCall(ctx, user(actor), region(), input),
    'calls.progress': ({ id, event, outcome }, { ctx, actor }) => progressCall(ctx, user(actor), id, event, outcome),
    'calls.link': ({ id, interventionId }, { ctx, actor }) => linkCall(ctx, user(actor), id, interventionId),
    'calls.list': (input, { ctx, actor, me }) => listCalls(ctx, user(actor), hearing(me), input),
    'calls.client': ({ id, clientId, contactPersonId }, { ctx, actor }) => setCallClient(ctx, user(actor), id, clientId, contactPersonId),
    'calls.groups': (input, { ctx, actor }) => callGroups(ctx, user(actor), input),
    'calls.export': (input, { actor, me }) =>
      exports.run(user(actor), loggedIn(me).language, {
        ...callsExportQuery(user(actor), hearing(me), input.filters, input.tzOffsetMinutes, input.columns),
        format: input.format,
        headers: input.headers,
        labels: { outcome: input.outcomeLabels, direction: input.directionLabels, yesNo: { yes: input.yesNo[0], no: input.yesNo[1] } },
        tzOffsetMinutes: input.tzOffsetMinutes,
        fileBase: 'calls',
        sheetName: 'Calls',
      }),
    'calls.handled': ({ id }, { ctx, actor }) => markHandled(ctx, user(actor), id),
    'calls.forIntervention': ({ interventionId }, { ctx, actor, me }) => callsOfIntervention(ctx, user(actor), hearing(me), interventionId),
  };
}

/** The handlers of shared/api/recordings.ts: the operator's recorder, and listening as rights allow. */
export function recordingsHandlers(recordings: Recordings, reviews: RecordingReviews): HandlerMap<keyof typeof recordingsMethods> {
  return {
    'recordings.start': ({ callId, mimeType }, { me }) => recordings.start(loggedIn(me).userId, callId, mimeType),
    'recordings.chunk': ({ id, seq, data }, { me }) => recordings.chunk(loggedIn(me).userId, id, seq, data),
    'recordings.pause': ({ id }, { me }) => recordings.pause(loggedIn(me).userId, id),
    'recordings.resume': ({ id }, { me }) => recordings.resume(loggedIn(me).userId, id),
    'recordings.finish': ({ id }, { me }) => recordings.finish(loggedIn(me).userId, id),
    'recordings.list': (input, { me }) => recordings.list(loggedIn(me).userId, hearsAll(me), input),
    'recordings.operators': (_input, { me }) => recordings.operators(loggedIn(me).userId, hearsAll(me)),
    'recordings.forCall': ({ callId }, { me }) => recordings.forCall(loggedIn(me).userId, hearsAll(me), callId),
    'recordings.review': ({ id }, { me }) => reviews.review(loggedIn(me).userId, hearsAll(me), id),
    // The dispatcher checked the `recordings` write right: a reviewer hears every recording.
    'recordings.note.add': ({ id, atMs, text }, { me }) => reviews.addNote(loggedIn(me).userId, id, atMs, text),
    'recordings.note.delete': ({ noteId }, { me }) => reviews.deleteNote(loggedIn(me).userId, noteId),
    'recordings.score': ({ id, ratings, comment }, { me }) => reviews.scoreRecording(loggedIn(me).userId, id, ratings, comment),
  };
}

export const recordingsStreamHandlers = (recordings: Recordings): StreamHandlerMap<keyof typeof recordingsStreams> => ({
  'recordings.audio': ({ id, save }, { me }) => recordings.audio(loggedIn(me).userId, hearsAll(me), id, save),
});
