import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';

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

/** Optional text: absent, null and empty all become null. */
export const optionalText = (max: number) =>
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
