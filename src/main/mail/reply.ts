import type { MailAnswerWords } from '../../shared/api/settings';

/*
 * What a reply says, read from its plain text: the new words above the quoted mail (folded
 * away), and whether they start with an accept or reject word. Pure, so every rule is tested
 * on its own (test/unit/mail-reply.test.ts).
 */

/** Lines that start the quoted earlier mail in the clients our users have, in the four languages. */
const QUOTE_STARTS = [
  /^>/,
  /^On .{4,200} wrote:\s*$/i,
  /^În .{4,200} a scris:\s*$/i,
  /^(Em|No dia) .{4,200} escreveu:\s*$/i,
  /^El .{4,200} va escriure:\s*$/i,
  /^-{2,}\s*(Original Message|Mesaj original|Mensagem original|Missatge original)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above its "From:" block
  /^(From|De|Von): .+$/, // a header block pasted under the reply
];

/** The new text of a reply and the quoted rest (signature included), both trimmed. */
export function splitQuoted(text: string): { fresh: string; quoted: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.findIndex((l) => l === '-- ' || QUOTE_STARTS.some((re) => re.test(l.trim())));
  // A mail that is nothing but a quote keeps it as its text (a forward with no words of its own).
  if (cut === 0) cut = -1;
  if (cut < 0) return { fresh: text.trim(), quoted: '' };
  return { fresh: lines.slice(0, cut).join('\n').trim(), quoted: lines.slice(cut).join('\n').trim() };
}

/** Lower case without accents: "Não" and "nao", "Sí" and "si" are the same word. */
const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface Answer {
  answer: 'accepted' | 'rejected';
  /** The words after the answer word (a rejection's reason), or ''. */
  reason: string;
}

/**
 * The answer a reply's new text starts with, in any of the four languages' words; null when its
 * first word is none of them (then the reply is only a message in the thread).
 */
export function readAnswer(fresh: string, words: MailAnswerWords): Answer | null {
  const m = /^\s*([\p{L}\p{N}'-]+)(.*)$/su.exec(fresh);
  if (!m) return null;
  const first = fold(m[1]!);
  const lists = Object.values(words);
  const is = (kind: 'accept' | 'reject') => lists.some((l) => l[kind].some((w) => fold(w) === first));
  // A word in both lists (an administrator's slip the settings refuse within one language) answers nothing.
  const accept = is('accept');
  const reject = is('reject');
  if (accept === reject) return null;
  const reason = m[2]!
    .replace(/^[\s:,.;!–—-]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
  return { answer: accept ? 'accepted' : 'rejected', reason };
}
