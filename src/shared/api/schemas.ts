import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { validateFiscalCode } from '../domain/fiscal-code';
import { normalizePhone } from '../domain/phone';

/** Text typed by a person: trimmed, bounded, and never containing control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlCharacters(s), 'contains control characters');

/** Tabs and line breaks are fine in text; other C0 controls and DEL only come from bad input. */
export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const empty = z.object({}).strict();

export const loginInput = z
  .object({
    login: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();

export const languageInput = z.object({ language: z.enum(LANGUAGES) }).strict();

export const OPERATION_LOG_LEVELS = ['basic', 'advanced', 'detailed'] as const;
export type OperationLogLevel = (typeof OPERATION_LOG_LEVELS)[number];

export const settingsSchema = z
  .object({
    operationLogLevel: z.enum(OPERATION_LOG_LEVELS),
    sessionIdleMinutes: z.number().int().min(5).max(24 * 60),
    attachmentMaxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024),
  })
  .strict();

export const settingsPatch = settingsSchema.partial().strict();

export const clientListInput = z
  .object({
    query: text(100).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO 3166-1)');

/** Normalizes phones to E.164 and checks the fiscal code against the client's country. */
export const clientInput = z
  .object({
    kind: z.enum(['company', 'person']),
    name: text(200).pipe(z.string().min(1)),
    fiscalCode: optionalText(32),
    address: optionalText(300),
    locality: optionalText(100),
    county: optionalText(100),
    country,
    commercialZone: optionalText(100),
    phone: optionalText(40),
    workPhone: optionalText(40),
    email: optionalText(254),
    notes: optionalText(4000),
  })
  .strict()
  .transform((c, ctx) => {
    let fiscalCode = c.fiscalCode;
    if (fiscalCode) {
      const checked = validateFiscalCode(c.country, fiscalCode);
      if (checked.ok) fiscalCode = checked.normalized;
      else ctx.addIssue({ code: 'custom', path: ['fiscalCode'], message: `fiscal code: ${checked.reason}` });
    }
    const phones: Record<'phone' | 'workPhone', string | null> = { phone: null, workPhone: null };
    for (const key of ['phone', 'workPhone'] as const) {
      const raw = c[key];
      if (!raw) continue;
      const checked = normalizePhone(raw, c.country);
      if (checked.ok) phones[key] = checked.e164;
      else ctx.addIssue({ code: 'custom', path: [key], message: 'not a valid phone number' });
    }
    // Checked here rather than per field so that every wrong field is reported in one answer.
    let email = c.email;
    if (email) {
      if (z.email().safeParse(email).success) email = email.toLowerCase();
      else ctx.addIssue({ code: 'custom', path: ['email'], message: 'not a valid e-mail address' });
    }
    return { ...c, fiscalCode, ...phones, email };
  });
export type ClientInput = z.output<typeof clientInput>;
