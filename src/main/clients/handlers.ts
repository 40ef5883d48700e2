import type { clientsMethods } from '../../shared/api/clients';
import type { HandlerMap } from '../core/handler';
import { createClient, deleteClient, findDuplicates, getClient, listClients, updateClient } from './clients';
import { createContact, deleteContact, updateContact } from './contacts';

/** The handlers of shared/api/clients.ts. */
export const clientsHandlers: HandlerMap<keyof typeof clientsMethods> = {
  'clients.list': ({ query, limit }, { ctx }) => listClients(ctx, query, limit),
  'clients.create': (input, { ctx, actor }) => createClient(ctx, actor, input),
  'clients.get': ({ id }, { ctx }) => getClient(ctx, id),
  'clients.update': ({ id, version, patch }, { ctx, actor }) => updateClient(ctx, actor, id, version, patch),
  'clients.delete': ({ id, version }, { ctx, actor }) => deleteClient(ctx, actor, id, version),
  'clients.duplicates': (input, { ctx }) => findDuplicates(ctx, input),
  'contacts.create': (input, { ctx, actor }) => createContact(ctx, actor, input),
  'contacts.update': ({ id, version, patch }, { ctx, actor }) => updateContact(ctx, actor, id, version, patch),
  'contacts.delete': ({ id, version }, { ctx, actor }) => deleteContact(ctx, actor, id, version),
};
