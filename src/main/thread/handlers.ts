import type { threadMethods } from '../../shared/api/thread';
import { requireInScope } from '../interventions/scope';
import { user, viewer, type HandlerMap } from '../core/handler';
import { markRead } from './reads';
import { listMentions, markMentionsSeen } from './mentions';
import { addThreadMessage, listMessages } from './messages';
import { createRegisterEntry, getRegisterEntry, listRegister } from './register';

/** The handlers of shared/api/thread.ts. */
export const threadHandlers: HandlerMap<keyof typeof threadMethods> = {
  'mentions.list': (input, { ctx, me }) => listMentions(ctx, user(me).personId, input),
  'mentions.markSeen': (input, { ctx, me, actor }) => markMentionsSeen(ctx, actor, user(me).personId, input),
  'register.list': (input, { ctx }) => listRegister(ctx, input),
  'register.get': ({ id }, { ctx }) => getRegisterEntry(ctx, id),
  'register.create': (input, { ctx, actor }) => createRegisterEntry(ctx, actor, input),
  'interventions.messages.list': ({ id }, { ctx }) => listMessages(ctx, id),
  'interventions.messages.add': ({ kind: _note, ...input }, { ctx, me, actor }) => {
    requireInScope(ctx, user(me), input.id);
    return addThreadMessage(ctx, actor, user(me).personId, input);
  },
  'interventions.messages.markRead': ({ id, upTo }, { ctx, me }) => ({ moved: markRead(ctx, viewer(me), id, upTo) }),
};
