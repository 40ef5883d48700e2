import { appInfo } from '../settings/app-info';
import { createClient, deleteClient, findDuplicates, getClient, listClients, updateClient } from '../clients/clients';
import { createContact, deleteContact, updateContact } from '../clients/contacts';
import { setLanguage, toggleFavourite } from '../auth/profile';
import { interventionLookups } from '../interventions/lookups';
import { cancelIntervention, deleteIntervention, finalizeIntervention } from '../interventions/interventions';
import {
  answerAsTechnician,
  createFromForm,
  getDetail,
  history,
  setTechnicians,
  updateFromForm,
  validateIntervention,
} from '../interventions/lifecycle';
import { deleteView, listViews, saveView } from '../grid/views';
import { addThreadMessage, listMessages } from '../thread/messages';
import type { Handlers } from './dispatcher';
import { adminHandlers } from './handlers-admin';
import { adminTypesHandlers } from './handlers-admin-types';
import { extraFieldsHandlers } from './handlers-extra-fields';
import { formHandlers } from './handlers-form';
import { threadHandlers } from './handlers-thread';
import { user, viewer } from './handler-context';

export const handlers: Handlers = {
  'auth.login': ({ login, password }, { app, caller }) => {
    const result = app.sessions.login(login, password, caller.transport);
    caller.token = result.token;
    return result;
  },
  'auth.logout': (_input, { app, caller, session }) => {
    if (session) app.sessions.logout(session.tokenHash);
    caller.token = null;
    return null;
  },
  'session.me': (_input, { me }) => user(me),
  'session.setLanguage': ({ language }, { app, me }) => setLanguage(app.ctx, user(me).userId, language),
  'session.toggleFavourite': ({ module }, { app, me }) => toggleFavourite(app.ctx, user(me).userId, module),
  'app.info': (_input, { app }) => appInfo(app.ctx, app.identity),
  'settings.get': (_input, { app }) => app.settings.get(),
  'settings.update': (patch, { app }) => app.settings.update(patch),
  'clients.list': ({ query, limit }, { app }) => listClients(app.ctx, query, limit),
  'clients.create': (input, { app, actor }) => createClient(app.ctx, actor, input),
  'clients.get': ({ id }, { app }) => getClient(app.ctx, id),
  'clients.update': ({ id, version, patch }, { app, actor }) => updateClient(app.ctx, actor, id, version, patch),
  'clients.delete': ({ id, version }, { app, actor }) => {
    deleteClient(app.ctx, actor, id, version);
    return null;
  },
  'clients.duplicates': (input, { app }) => findDuplicates(app.ctx, input),
  'contacts.create': (input, { app, actor }) => createContact(app.ctx, actor, input),
  'contacts.update': ({ id, version, patch }, { app, actor }) => updateContact(app.ctx, actor, id, version, patch),
  'contacts.delete': ({ id, version }, { app, actor }) => {
    deleteContact(app.ctx, actor, id, version);
    return null;
  },
  'interventions.lookups': (_input, { app, me }) => interventionLookups(app.ctx, user(me).language),
  'interventions.grid.rows': ({ view, path, position, limit }, { app, me }) => app.grid.rows(view, path, position, limit, viewer(me)),
  'interventions.grid.groups': ({ view, path }, { app, me }) => app.grid.groups(view, path, viewer(me)),
  'interventions.grid.count': ({ view, path }, { app, me }) => app.grid.count(view, path, viewer(me)),
  'interventions.delete': ({ id, version }, { app, actor }) => {
    deleteIntervention(app.ctx, actor, id, version);
    return null;
  },
  'interventions.cancel': ({ id, version, reason }, { app, actor }) => {
    cancelIntervention(app.ctx, actor, id, version, reason);
    return null;
  },
  'interventions.get': ({ id }, { app, me }) => getDetail(app.ctx, id, user(me).language),
  'interventions.create': (input, { app, me, actor }) => getDetail(app.ctx, createFromForm(app.ctx, actor, input).id, user(me).language),
  'interventions.update': ({ id, version, patch }, { app, me, actor }) => {
    updateFromForm(app.ctx, actor, id, version, patch);
    return getDetail(app.ctx, id, user(me).language);
  },
  'interventions.validate': ({ id, version }, { app, me, actor }) => {
    validateIntervention(app.ctx, actor, id, version);
    return getDetail(app.ctx, id, user(me).language);
  },
  'interventions.assignTechnicians': ({ id, version, personIds }, { app, me, actor }) => {
    setTechnicians(app.ctx, actor, id, version, personIds);
    return getDetail(app.ctx, id, user(me).language);
  },
  'interventions.answer': ({ id, answer, reason }, { app, me, actor }) => {
    answerAsTechnician(app.ctx, actor, user(me).personId, id, answer, reason);
    return getDetail(app.ctx, id, user(me).language);
  },
  'interventions.finalize': ({ id, version, resolution }, { app, me, actor }) => {
    finalizeIntervention(app.ctx, actor, id, version, resolution);
    return getDetail(app.ctx, id, user(me).language);
  },
  'interventions.history': ({ id }, { app }) => history(app.ctx, id),
  'interventions.messages.list': ({ id }, { app }) => listMessages(app.ctx, id),
  'interventions.messages.add': ({ kind: _note, ...input }, { app, me, actor }) => addThreadMessage(app.ctx, actor, user(me).personId, input),
  'interventions.export': (input, { app, me }) => app.exports.start(input, viewer(me)),
  'views.list': ({ module }, { app, me }) => listViews(app.ctx, user(me).userId, module),
  'views.save': ({ module, ...view }, { app, me }) => saveView(app.ctx, { userId: user(me).userId }, module, view),
  'views.delete': ({ id, version }, { app, me }) => {
    deleteView(app.ctx, { userId: user(me).userId }, id, version);
    return null;
  },
  ...adminHandlers,
  ...adminTypesHandlers,
  ...extraFieldsHandlers,
  ...formHandlers,
  ...threadHandlers,
};
