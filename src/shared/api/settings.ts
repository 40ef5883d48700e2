import { z } from 'zod';
import { def } from './def';
import { USER, write } from './permission';
import { empty } from './primitives';

/* Settings of the workstation (audit level, session idle time, attachment limit) and what the status bar shows about the app. */

/** A SIP WebSocket server: wss anywhere, ws only on loopback (unencrypted). */
export const telephonyServerUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'wss:' || (u.protocol === 'ws:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
    } catch {
      return false;
    }
  }, 'a wss:// address (ws:// only on this machine: 127.0.0.1)');

export const OPERATION_LOG_LEVELS = ['basic', 'advanced', 'detailed'] as const;

const RECORD_CALLS = ['off', 'all', 'users'] as const;

export type OperationLogLevel = (typeof OPERATION_LOG_LEVELS)[number];

/**
 * The quality scorecard supervisors fill in for a recorded call: weighted criteria, each rated
 * 0-5, and the pass mark (0-100) the weighted total must reach.
 */
const scorecardSchema = z
  .object({
    criteria: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
            label: z.string().trim().min(1, 'required').max(120),
            weight: z.number().int().min(1).max(100),
          })
          .strict(),
      )
      .min(1, 'at least one criterion')
      .max(30)
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'two criteria have the same id'),
    passMark: z.number().int().min(0).max(100),
  })
  .strict();

export type Scorecard = z.infer<typeof scorecardSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as hh:mm');
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The scheduling calendar's working time: the hours it shades as working hours (and opens on),
 * the working days (1 Monday … 7 Sunday), whether the other days are left out of the views, and
 * how many days the per-technician timeline shows.
 */
const scheduleSchema = z
  .object({
    dayStart: clockTime,
    dayEnd: clockTime,
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'at least one working day')
      .max(7)
      .refine((ds) => new Set(ds).size === ds.length, 'a day given twice'),
    hideNonWorkingDays: z.boolean(),
    timelineDays: z.number().int().min(1).max(31),
  })
  .strict()
  .refine((s) => minutesOf(s.dayEnd) > minutesOf(s.dayStart), { message: 'the working day ends before it starts', path: ['dayEnd'] });

export type ScheduleSettings = z.infer<typeof scheduleSchema>;

/** Words a technician's e-mail reply starts with to accept or reject an assignment (case and accents aside). */
const answerWordList = z
  .array(z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}'-]+$/u, 'one word, no spaces'))
  .min(1, 'at least one word')
  .max(20);
const answerWordsSchema = z
  .object({ accept: answerWordList, reject: answerWordList })
  .strict()
  .refine((w) => !w.accept.some((a) => w.reject.some((r) => r.toLowerCase() === a.toLowerCase())), { message: 'a word cannot both accept and reject', path: ['reject'] });
const mailAnswerWordsSchema = z.object({ en: answerWordsSchema, ro: answerWordsSchema, 'pt-BR': answerWordsSchema, ca: answerWordsSchema }).strict();
export type MailAnswerWords = z.infer<typeof mailAnswerWordsSchema>;

/** The mails' events, each with its own subject and opening words (main/mail/templates.ts). */
export const MAIL_EVENTS = ['allocation', 'planChange', 'confirmation', 'cancellation', 'finalization', 'newMessage'] as const;
export type MailEvent = (typeof MAIL_EVENTS)[number];

/** An administrator's own subject and opening paragraph for an event in a language; what is not given keeps the app's words. */
const mailTextSchema = z.object({ subject: z.string().trim().min(1, 'required').max(80), lead: z.string().trim().min(1, 'required').max(1000) }).strict();
const mailTemplatesSchema = z.partialRecord(z.enum(MAIL_EVENTS), z.partialRecord(z.enum(['en', 'ro', 'pt-BR', 'ca']), mailTextSchema));
export type MailTemplates = z.infer<typeof mailTemplatesSchema>;

export const settingsSchema = z
  .object({
    operationLogLevel: z.enum(OPERATION_LOG_LEVELS),
    sessionIdleMinutes: z.number().int().min(5).max(24 * 60),
    attachmentMaxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024),
    /** Where numbers without a country prefix are read from (caller ID, a number typed to dial). */
    phoneRegion: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code, such as RO'),
    /**
     * The SIP servers (WebSocket URLs) softphones here may connect to: the page's CSP allows
     * these and no other. wss, or ws on this machine's loopback only (the traffic is not encrypted).
     */
    telephonyServers: z.array(telephonyServerUrl).max(10),
    /** Which conversations are recorded: none, every call, or the calls of the users listed. */
    recordCalls: z.enum(RECORD_CALLS),
    recordUsers: z.array(z.string().min(1).max(64)).max(1000),
    /** Recordings older than this are deleted by the daily retention job (which audits it). */
    recordingRetentionDays: z.number().int().min(1).max(3650),
    scorecard: scorecardSchema,
    schedule: scheduleSchema,
    /** The words replies by e-mail accept or reject with, per language (all languages' words are understood). */
    mailAnswerWords: mailAnswerWordsSchema,
    mailTemplates: mailTemplatesSchema,
  })
  .strict();

export const settingsPatch = settingsSchema.partial().strict();

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser';
  /** `path` (the absolute one) only for those who may read Administration; everyone sees the file's name. */
  database: { name: string; path: string | null; sizeBytes: number; demo: boolean };
  counts: { interventions: number; clients: number; personnel: number };
}

export interface Settings {
  operationLogLevel: OperationLogLevel;
  sessionIdleMinutes: number;
  attachmentMaxBytes: number;
  phoneRegion: string;
  telephonyServers: string[];
  recordCalls: (typeof RECORD_CALLS)[number];
  recordUsers: string[];
  recordingRetentionDays: number;
  scorecard: Scorecard;
  schedule: ScheduleSettings;
  mailAnswerWords: MailAnswerWords;
  mailTemplates: MailTemplates;
}

/** What the status bar shows, and the settings (changed by administrators). */
export const settingsMethods = {
  'app.info': def<AppInfo>()(empty, USER),
  'settings.get': def<Settings>()(empty, USER),
  'settings.update': def<Settings>()(settingsPatch, write('admin')),
};
