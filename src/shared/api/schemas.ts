import { z } from 'zod';
import { text } from './primitives';
import { LANGUAGES } from '../i18n/languages';

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
