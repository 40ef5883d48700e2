import { createContext, createElement, useContext, type ComponentType, type ReactNode } from 'react';
import type { ContactRow } from '../../../shared/api/clients';
import type { InterventionLookups } from '../../../shared/api/interventions';
import type { SourceChannel } from '../../../shared/domain/intervention';

/*
 * What one feature shows inside another's screen: the intervention form over the grid or the
 * Mentions list, the thread as the form's Messages tab, the quick "+ New client" of the form.
 * Features never import each other; the shell fills these slots with the features' components
 * (shell/slots.ts), so each side knows only the props declared here.
 */

export interface InterventionFormProps {
  /** The intervention to open, or null for a new one. */
  interventionId: string | null;
  lookups: InterventionLookups | null;
  /** The person of the logged-in user: "taken by" of a new intervention. */
  personId: string | null;
  /** The user may change interventions; without it the form only reads (main refuses anyway). */
  canWrite: boolean;
  /** The user may add request types (Administration's write right): a new name typed in the form is offered as one. */
  canAddRequestTypes?: boolean;
  /** The intervention the form showed when it closed (a new one's once saved), null if none was saved. */
  onClose: (shownId: string | null) => void;
  /** modal: over the grid; page: the whole window (opened with ?intervention=<id>). */
  variant?: 'modal' | 'page';
  /** A new intervention's facts known before the form opens (the caller of a call): unsaved until saved. */
  prefill?: InterventionPrefill;
}

export interface InterventionPrefill {
  /** A caller's client and contact (a call: the source is "phone"). */
  clientId?: string;
  contactPersonId?: string | null;
  /** A slot chosen on the calendar: the planned start and end, and the technician whose lane it is. */
  plannedStart?: number;
  plannedEnd?: number;
  technicianIds?: string[];
  /** Where the request came from, when not a call (a mail: "email"), and its object (the mail's subject). */
  source?: SourceChannel;
  objectText?: string;
}

export interface InterventionThreadProps {
  id: string;
  /** The intervention's version: a change reloads the thread. */
  version: number;
  canWrite: boolean;
}

export interface QuickClientProps {
  opened: boolean;
  /** The text typed in the client search, to start from. */
  search: string;
  country: string;
  onClose: () => void;
  /** The new client, or an existing one the operator chose from the duplicates. */
  onPicked: (client: { id: string; name: string }) => void;
}

export interface QuickContactProps {
  /** The client the contact belongs to; null: closed. */
  client: { id: string; name: string; country: string } | null;
  onClose: () => void;
  onCreated: (contact: ContactRow) => void;
}

export interface InterventionCallsProps {
  interventionId: string;
}

export interface RecordingReviewProps {
  recordingId: string;
  onClose: () => void;
}

export interface ClientContractsProps {
  clientId: string;
  clientName: string;
  /** The user may write contracts (the calendar's write right). */
  canWrite: boolean;
}

export interface Slots {
  InterventionForm: ComponentType<InterventionFormProps>;
  InterventionThread: ComponentType<InterventionThreadProps>;
  QuickClientDialog: ComponentType<QuickClientProps>;
  QuickContactDialog: ComponentType<QuickContactProps>;
  /** The calls linked to an intervention, at the top of its thread. */
  InterventionCalls: ComponentType<InterventionCallsProps>;
  /** A recording under review over the screen (from a call in a thread). */
  RecordingReview: ComponentType<RecordingReviewProps>;
  /** A client's service contracts, on the client card. */
  ClientContracts: ComponentType<ClientContractsProps>;
}

const SlotsContext = createContext<Slots | null>(null);

export function SlotsProvider({ slots, children }: { slots: Slots; children: ReactNode }) {
  return <SlotsContext.Provider value={slots}>{children}</SlotsContext.Provider>;
}

function useSlot<K extends keyof Slots>(name: K): Slots[K] {
  const slots = useContext(SlotsContext);
  if (!slots) throw new Error('A slot needs a <SlotsProvider> above it (the shell gives one).');
  return slots[name];
}

// One stable component per slot: what a feature renders, whichever feature fills it.
export const InterventionFormSlot = (props: InterventionFormProps) => createElement(useSlot('InterventionForm'), props);
export const InterventionThreadSlot = (props: InterventionThreadProps) => createElement(useSlot('InterventionThread'), props);
export const QuickClientSlot = (props: QuickClientProps) => createElement(useSlot('QuickClientDialog'), props);
export const QuickContactSlot = (props: QuickContactProps) => createElement(useSlot('QuickContactDialog'), props);
export const InterventionCallsSlot = (props: InterventionCallsProps) => createElement(useSlot('InterventionCalls'), props);
export const ClientContractsSlot = (props: ClientContractsProps) => createElement(useSlot('ClientContracts'), props);
export const RecordingReviewSlot = (props: RecordingReviewProps) => createElement(useSlot('RecordingReview'), props);
