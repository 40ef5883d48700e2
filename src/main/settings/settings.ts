import { settings as settingsTable } from '../db/schema/index';
import type { Db } from '../db/connection';
import type { z } from 'zod';
import { settingsSchema, type settingsPatch } from '../../shared/api/settings';
import type { Settings } from '../../shared/api/settings';

const DEFAULT_SETTINGS: Settings = {
  operationLogLevel: 'advanced',
  sessionIdleMinutes: 8 * 60,
  attachmentMaxBytes: 25 * 1024 * 1024,
  phoneRegion: 'RO',
  telephonyServers: [],
  recordCalls: 'off',
  recordUsers: [],
  recordingRetentionDays: 90,
  // A starting point administrators rewrite in their own words (Administration → Settings).
  scorecard: {
    criteria: [
      { id: 'greeting', label: 'Greeting and identification', weight: 10 },
      { id: 'request', label: 'Understood the request', weight: 30 },
      { id: 'information', label: 'Correct information given', weight: 25 },
      { id: 'recorded', label: 'Intervention recorded correctly', weight: 25 },
      { id: 'closing', label: 'Courtesy and closing', weight: 10 },
    ],
    passMark: 70,
  },
  schedule: { dayStart: '08:00', dayEnd: '18:00', workingDays: [1, 2, 3, 4, 5], hideNonWorkingDays: false, timelineDays: 7 },
  mailTemplates: {},
  mailAnswerWords: {
    en: { accept: ['accept', 'accepted', 'yes', 'ok', 'confirm', 'confirmed'], reject: ['reject', 'rejected', 'decline', 'no'] },
    ro: { accept: ['accept', 'acceptat', 'da', 'confirm', 'confirmat'], reject: ['refuz', 'resping', 'respins', 'nu'] },
    'pt-BR': { accept: ['aceito', 'aceitar', 'sim', 'confirmo', 'confirmado'], reject: ['recuso', 'rejeito', 'recusar', 'não'] },
    ca: { accept: ['accepto', 'acceptat', 'sí', 'confirmo', 'confirmat'], reject: ['rebutjo', 'rebutjat', 'refuso'] },
  },
};

/**
 * Settings are few and read on every write (the audit level), so they are cached in memory and
 * the cache is replaced as a whole on update.
 */
export class SettingsService {
  private cache: Settings | null = null;

  constructor(private readonly db: Db, private readonly now: () => number) {}

  get(): Settings {
    if (this.cache) return this.cache;
    const stored: Record<string, unknown> = {};
    for (const row of this.db.select().from(settingsTable).all()) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        // A hand-edited, unreadable value falls back to the default rather than failing start-up.
      }
    }
    const merged = { ...DEFAULT_SETTINGS, ...stored };
    const parsed = settingsSchema.safeParse(merged);
    this.cache = parsed.success ? parsed.data : DEFAULT_SETTINGS;
    return this.cache;
  }

  update(patch: z.output<typeof settingsPatch>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    const at = this.now();
    this.db.transaction((tx) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        tx.insert(settingsTable)
          .values({ key, value: JSON.stringify(value), updatedAt: at })
          .onConflictDoUpdate({ target: settingsTable.key, set: { value: JSON.stringify(value), updatedAt: at } })
          .run();
      }
    });
    this.cache = next;
    return next;
  }
}
