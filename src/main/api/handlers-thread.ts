import type { threadMethods } from '../../shared/api/contract-thread';
import { listMentions, markMentionsSeen } from '../thread/mentions';
import { createRegisterEntry, getRegisterEntry, listRegister } from '../thread/register';
import { evolutionSheet } from '../thread/sheet';
import type { Handlers } from './dispatcher';
import { user } from './handler-context';

/** The handlers of contract-thread.ts (one section, one owner). */
export const threadHandlers: Pick<Handlers, keyof typeof threadMethods> = {
  'mentions.list': (input, { app, me }) => listMentions(app.ctx, user(me).personId, input),
  'mentions.markSeen': (input, { app, me, actor }) => markMentionsSeen(app.ctx, actor, user(me).personId, input),
  'register.list': (input, { app }) => listRegister(app.ctx, input),
  'register.get': ({ id }, { app }) => getRegisterEntry(app.ctx, id),
  'register.create': (input, { app, actor }) => createRegisterEntry(app.ctx, actor, input),
  'interventions.sheet': ({ id }, { app, me }) => evolutionSheet(app.ctx, id, user(me).language),
};
