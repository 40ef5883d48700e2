import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import { id, requiredText, text } from './primitives';
import { telephonyServerUrl } from './settings';
import { CALL_OUTCOMES, callGroupsInput, callsExportInput, callsListInput, type CallGroup, type CallOutcome, type CallRow } from './call-log';
import type { ExportStarted } from './exports';

/* Telephony: the user's SIP account, the screen pop of a caller, and the call log. */

const sipUri = z
  .string()
  .trim()
  .max(200)
  .regex(/^sips?:[^@\s]+@[^@\s]+$/i, 'a SIP address such as sip:1001@pbx.example.com');

const iceServer = z
  .string()
  .trim()
  .max(300)
  .regex(/^(stun|stuns|turn|turns):\S+$/i, 'a stun: or turn: address');

/** The domain of a SIP address (sip:1001@pbx.example.com:5060;transport=ws → pbx.example.com): the default digest realm. */
export const sipDomain = (uri: string): string => uri.replace(/^sips?:[^@]*@/i, '').replace(/[:;].*$/, '');

/** The account as the user sees it: the password never comes back, only whether one is kept. */
export interface SipAccountView {
  wsUrl: string;
  sipUri: string;
  authUser: string;
  realm: string;
  displayName: string;
  iceServers: string[];
  iceTimeoutMs: number;
  hasPassword: boolean;
}

/**
 * What the softphone registers with: the digest's HA1 (md5 of user:realm:password, which sip.js
 * takes as authorizationHa1) instead of the password, so the page never holds the password.
 */
export interface SipConnection extends Omit<SipAccountView, 'hasPassword'> {
  ha1: string;
}

export const sipAccountInput = z
  .object({
    wsUrl: telephonyServerUrl,
    sipUri,
    authUser: requiredText(100),
    realm: text(200).default(''),
    displayName: text(100).default(''),
    iceServers: z.array(iceServer).max(6).default([]),
    iceTimeoutMs: z.number().int().min(200).max(10_000).default(1500),
    /** A new password; absent keeps the one saved. */
    password: z.string().min(1, 'required').max(200).optional(),
  })
  .strict();

/** A client matched by a phone number, with what the operator needs to see at once. */
export interface ScreenPop {
  number: string;
  /** Null when the number does not parse in the workstation's region. */
  e164: string | null;
  /** The number's country (a new client's, when the caller is unknown). */
  country: string | null;
  client: { id: string; name: string; locality: string | null; country: string; kind: string } | null;
  contact: { id: string; name: string; role: string | null } | null;
  /** Other clients with the same number (a shared switchboard): the operator may pick. */
  others: { id: string; name: string }[];
  openInterventions: { id: string; prefix: string | null; number: number | null; status: string; object: string | null; plannedStart: number | null; docDate: string }[];
  lastCalls: { id: string; direction: 'in' | 'out'; startedAt: number; outcome: CallOutcome; durationS: number | null; operator: string | null }[];
  /** How long the lookup took in main, in ms (shown to supervisors, measured by bench/calls). */
  tookMs: number;
}

const callEvent = z.enum(['answered', 'ended']);

export const callsMethods = {
  'calls.account.get': def<SipAccountView | null>()(z.object({}).strict(), read('calls')),
  'calls.account.save': def<SipAccountView>()(sipAccountInput, write('calls')),
  'calls.account.delete': def<null>()(z.object({}).strict(), write('calls')),
  /** The softphone's registration data for the caller's own account. */
  'calls.account.connect': def<SipConnection | null>()(z.object({}).strict(), read('calls')),
  'calls.lookup': def<ScreenPop>()(z.object({ number: text(60).pipe(z.string().min(1, 'required')) }).strict(), read('calls')),
  /** A call starts ringing (in) or is dialled (out): the log gets it, with the client matched. */
  'calls.begin': def<{ id: string; pop: ScreenPop }>()(
    z.object({ direction: z.enum(['in', 'out']), number: text(60).pipe(z.string().min(1, 'required')), sipCallId: text(200).optional() }).strict(),
    write('calls'),
  ),
  /** The call was answered, or ended with an outcome. Times are main's clock. */
  'calls.progress': def<CallRow>()(
    z.object({ id, event: callEvent, outcome: z.enum(CALL_OUTCOMES).optional() }).strict(),
    write('calls'),
  ),
  /** The intervention the operator made (or chose) from this call. */
  'calls.link': def<CallRow>()(z.object({ id, interventionId: id }).strict(), write('calls')),
  'calls.list': def<{ rows: CallRow[]; total: number }>()(callsListInput, read('calls')),
  /** The log's groups under the filters, each with its count (the grouped Calls module). */
  'calls.groups': def<{ groups: CallGroup[]; total: number }>()(callGroupsInput, read('calls')),
  /** The whole filtered log to CSV or XLSX, written by the export service (progress as 'export.progress'). */
  'calls.export': def<ExportStarted>()(callsExportInput, read('calls')),
  /** The client (and contact) a call turned out to be from: a caller added as a new client while on the line. */
  'calls.client': def<CallRow>()(z.object({ id, clientId: id, contactPersonId: id.nullable().default(null) }).strict(), write('calls')),
  /** The calls linked to an intervention, oldest first (its thread shows them). */
  'calls.forIntervention': def<CallRow[]>()(z.object({ interventionId: id }).strict(), read('calls')),
  'calls.handled': def<CallRow>()(z.object({ id }).strict(), write('calls')),
};
