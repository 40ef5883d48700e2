import type { callsMethods } from '../../shared/api/calls';
import type { HandlerMap } from '../core/handler';
import type { SecretBox } from '../core/secrets';
import type { SettingsService } from '../settings/settings';
import { connection, deleteAccount, getAccount, saveAccount } from './account';
import { beginCall, callsOfIntervention, linkCall, listCalls, markHandled, progressCall } from './log';
import { screenPop } from './lookup';

/** The handlers of shared/api/calls.ts: each user's own account and calls (the dispatcher checked the right). */
export function callsHandlers(secrets: SecretBox, settings: SettingsService): HandlerMap<keyof typeof callsMethods> {
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
    'calls.list': (input, { ctx, actor }) => listCalls(ctx, user(actor), input),
    'calls.handled': ({ id }, { ctx, actor }) => markHandled(ctx, user(actor), id),
    'calls.forIntervention': ({ interventionId }, { ctx }) => callsOfIntervention(ctx, interventionId),
  };
}
