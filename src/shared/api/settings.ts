import { z } from 'zod';
import { def } from './def';
import { USER, write } from './permission';
import { empty } from './primitives';

/* Settings of the workstation (audit level, session idle time, attachment limit) and what the status bar shows about the app. */

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
}

/** What the status bar shows, and the settings (changed by administrators). */
export const settingsMethods = {
  'app.info': def<AppInfo>()(empty, USER),
  'settings.get': def<Settings>()(empty, USER),
  'settings.update': def<Settings>()(settingsPatch, write('admin')),
};
