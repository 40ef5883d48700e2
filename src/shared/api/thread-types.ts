import type { TemplateMode } from '../domain/extra-fields';
import type { HistoryEntry, InterventionDetail, InterventionMessage } from './intervention-types';

/** A stored file as a message or a register entry shows it. */
export interface FileRef {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
}

/** One entry of the correspondence register (incoming and outgoing documents). */
export interface RegisterEntry {
  id: string;
  version: number;
  /** "REG-12": given from the active register series when the entry is saved. */
  number: string;
  /** yyyy-mm-dd, inside an open working period. */
  date: string;
  direction: 'in' | 'out';
  party: string;
  subject: string;
  attachment: FileRef | null;
  createdAt: number;
}

export interface MessageMention {
  personId: string;
  name: string;
}

/**
 * A message of the thread with what it points to. The extra fields are optional only so that a
 * thread written before they existed (or a test double) still reads; main always fills them.
 */
export interface ThreadMessage extends InterventionMessage {
  attachment?: FileRef | null;
  registerEntry?: RegisterEntry | null;
  mentions?: MessageMention[];
  /** The request type's form template this attached file fills in. */
  templateId?: string | null;
  templateName?: string | null;
}

/** One line of my Mentions list. */
export interface MentionItem {
  /** The message_mentions row. */
  id: string;
  messageId: string;
  interventionId: string;
  /** "INT-123", or null for a draft. */
  interventionNumber: string | null;
  clientName: string;
  at: number;
  /** Who wrote the message (null: the system). */
  byName: string | null;
  body: string;
  seenAt: number | null;
}

export interface MentionsPage {
  items: MentionItem[];
  /** How many of mine are not seen yet (all of them, not only the listed ones). */
  unseen: number;
}

/** A form template of the intervention's request type (or an ancestor), and whether a file fills it. */
export interface ThreadTemplate {
  id: string;
  name: string;
  mode: TemplateMode;
  filled: boolean;
}

/** Everything the evolution sheet prints. */
export interface EvolutionSheet {
  /** With its extra fields and values (detail.extraFields, detail.extra). */
  detail: InterventionDetail;
  messages: ThreadMessage[];
  history: HistoryEntry[];
  printedAt: number;
}
