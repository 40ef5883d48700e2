import { z } from 'zod';
import { ruleProblem } from '../domain/contract-schedule';
import { def } from './def';
import { read, write } from './permission';
import { byId, id, isoDate, optionalId, optionalText, recordRef, requiredText, version } from './primitives';

/*
 * Service contracts: recurring work for a client that the contract generator turns into
 * interventions `leadDays` before each occurrence (main/contracts). Read and written with the
 * calendar's rights: contracts are scheduling.
 */

export interface ServiceContract {
  id: string;
  version: number;
  name: string;
  clientId: string;
  clientName: string;
  contactPersonId: string | null;
  assetId: string | null;
  /** The asset as the form names it (product and serial), or null. */
  assetLabel: string | null;
  objectText: string | null;
  requestTypeId: string;
  requestTypeName: string;
  teamId: string | null;
  teamName: string | null;
  priority: 1 | 2 | 3;
  rule: string;
  startDate: string;
  endDate: string | null;
  visitTime: string;
  durationMinutes: number;
  leadDays: number;
  active: boolean;
  notes: string | null;
  /** The next occurrence from today on (null when none is left), and whether it is made already. */
  next: { day: string; generated: boolean } | null;
  /** Interventions made so far. */
  generated: number;
  /** Why the last round could not make a visit that is due (it is tried again at each round), or null. */
  problem: { day: string; message: string } | null;
}

/** An occurrence the generator has not made yet, as the calendar previews it (times in UTC ms). */
export interface ContractPreview {
  contractId: string;
  contractName: string;
  clientName: string;
  day: string;
  start: number;
  end: number;
  /** The day the generator makes it (leadDays before). */
  createsOn: string;
}

const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as hh:mm');

const contractFields = {
  name: requiredText(200),
  clientId: id,
  contactPersonId: optionalId,
  assetId: optionalId,
  objectText: optionalText(500),
  requestTypeId: id,
  teamId: optionalId,
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  rule: z
    .string()
    .trim()
    .min(1, 'required')
    .max(500)
    .superRefine((rule, ctx) => {
      const problem = ruleProblem(rule);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  startDate: isoDate,
  endDate: isoDate.nullish().transform((d) => d ?? null),
  visitTime: time,
  durationMinutes: z.number().int().min(5).max(24 * 60),
  leadDays: z.number().int().min(0).max(365),
  notes: optionalText(2000),
};

const endAfterStart = (x: { startDate?: string; endDate?: string | null }) => !x.endDate || !x.startDate || x.endDate >= x.startDate;
const endIssue = { message: 'the end is before the start', path: ['endDate'] };

const contractObject = z.object(contractFields).strict();
export const contractInput = contractObject.refine(endAfterStart, endIssue);
export type ContractInput = z.input<typeof contractInput>;

export const contractsMethods = {
  /** Every live contract, or a client's (the client card), by name. */
  'contracts.list': def<ServiceContract[]>()(z.object({ clientId: id.optional() }).strict(), read('calendar')),
  'contracts.get': def<ServiceContract>()(byId, read('calendar')),
  'contracts.create': def<ServiceContract>()(contractInput, write('calendar')),
  'contracts.update': def<ServiceContract>()(
    contractObject.partial().extend({ id, version }).strict().refine(endAfterStart, endIssue),
    write('calendar'),
  ),
  /** Pauses (no occurrence is made while paused, nor afterwards for its time) or resumes. */
  'contracts.setActive': def<ServiceContract>()(z.object({ id, version, active: z.boolean() }).strict(), write('calendar')),
  'contracts.delete': def<null>()(recordRef, write('calendar')),
  /** Occurrences in [from, to] not made yet, for the calendar (at most 100 days). */
  'contracts.preview': def<ContractPreview[]>()(
    z
      .object({ from: z.number().int(), to: z.number().int() })
      .strict()
      .refine((x) => x.to > x.from && x.to - x.from <= 100 * 86_400_000, { message: 'a range of at most 100 days', path: ['to'] }),
    read('calendar'),
  ),
  /** The occurrences a schedule gives (the form's preview of what it will make): the next few days from a date. */
  'contracts.occurrences': def<string[]>()(
    z
      .object({ rule: contractFields.rule, startDate: isoDate, endDate: isoDate.nullish().transform((d) => d ?? null), count: z.number().int().min(1).max(24) })
      .strict(),
    read('calendar'),
  ),
};
