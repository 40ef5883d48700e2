import type { Language } from '../../shared/i18n/languages';

/*
 * What a mail says, per event and per language: a subject, a plain-text part and an HTML part
 * made from the same facts. Values are escaped into the HTML; the plain text carries them as
 * they are. The words are the ones our users know (../shared/GLOSSARY.md).
 */

/** The facts of an intervention a mail gives, already formatted for the recipient. */
export interface MailFacts {
  /** "INT 1234", or null before the intervention has a number. */
  number: string | null;
  client: string;
  object: string;
  address: string;
  /** The planned start and end, formatted in the recipient's language and the workstation's zone. */
  planned: string;
  priority: string;
  /** The thread's last message (its first lines), or null. */
  lastMessage: string | null;
  /** The recipient's name, to greet them. */
  toName: string;
}

export type MailEvent = 'allocation';

interface Words {
  subject: (f: MailFacts) => string;
  lead: (f: MailFacts) => string;
  labels: { number: string; client: string; object: string; address: string; planned: string; priority: string; lastMessage: string };
  notPlanned: string;
  priorities: Record<1 | 2 | 3, string>;
  hello: (name: string) => string;
}

const dash = (s: string | null) => s ?? '—';

const ALLOCATION: Record<Language, Words> = {
  en: {
    subject: (f) => `${f.number ? `[${f.number}] ` : ''}New assignment: ${f.client}, ${f.object}`,
    lead: () => 'You have been assigned to this intervention.',
    labels: { number: 'Number', client: 'Client', object: 'Object', address: 'Address', planned: 'Planned', priority: 'Priority', lastMessage: 'Last message' },
    notPlanned: 'not planned yet',
    priorities: { 1: 'Low', 2: 'Medium', 3: 'High' },
    hello: (name) => `Hello ${name},`,
  },
  ro: {
    subject: (f) => `${f.number ? `[${f.number}] ` : ''}Intervenție alocată: ${f.client}, ${f.object}`,
    lead: () => 'Ați fost alocat(ă) la această intervenție.',
    labels: { number: 'Număr', client: 'Client', object: 'Obiectul sesizării', address: 'Adresa', planned: 'Planificată', priority: 'Prioritate', lastMessage: 'Ultimul mesaj' },
    notPlanned: 'neplanificată încă',
    priorities: { 1: 'Scăzută', 2: 'Medie', 3: 'Ridicată' },
    hello: (name) => `Bună ziua, ${name},`,
  },
  'pt-BR': {
    subject: (f) => `${f.number ? `[${f.number}] ` : ''}Novo atendimento atribuído: ${f.client}, ${f.object}`,
    lead: () => 'Você foi designado(a) para este atendimento.',
    labels: { number: 'Número', client: 'Cliente', object: 'Assunto', address: 'Endereço', planned: 'Previsto', priority: 'Prioridade', lastMessage: 'Última mensagem' },
    notPlanned: 'ainda sem previsão',
    priorities: { 1: 'Baixa', 2: 'Média', 3: 'Alta' },
    hello: (name) => `Olá, ${name},`,
  },
  ca: {
    subject: (f) => `${f.number ? `[${f.number}] ` : ''}Sol·licitud assignada: ${f.client}, ${f.object}`,
    lead: () => 'Se us ha assignat aquesta sol·licitud.',
    labels: { number: 'Número', client: 'Client', object: 'Objecte', address: 'Adreça', planned: 'Previst', priority: 'Prioritat', lastMessage: 'Darrer missatge' },
    notPlanned: 'encara sense planificar',
    priorities: { 1: 'Baixa', 2: 'Mitjana', 3: 'Alta' },
    hello: (name) => `Hola, ${name},`,
  },
};

const WORDS: Record<MailEvent, Record<Language, Words>> = { allocation: ALLOCATION };

/** The words a template needs before the facts are formatted (a plan not set yet, the priority's name). */
export function wordsFor(event: MailEvent, language: Language): Pick<Words, 'notPlanned' | 'priorities'> {
  return WORDS[event][language];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The subject and both parts of an event's mail, in a language. */
export function render(event: MailEvent, language: Language, f: MailFacts): { subject: string; text: string; html: string } {
  const w = WORDS[event][language];
  const rows: [string, string][] = [
    [w.labels.number, dash(f.number)],
    [w.labels.client, f.client],
    [w.labels.object, f.object],
    [w.labels.address, f.address || '—'],
    [w.labels.planned, f.planned],
    [w.labels.priority, f.priority],
  ];
  const text = [
    w.hello(f.toName),
    '',
    w.lead(f),
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(f.lastMessage ? ['', `${w.labels.lastMessage}:`, f.lastMessage] : []),
    '',
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><body style="font-family: sans-serif; font-size: 14px; color: #1a1b1e">
<p>${escapeHtml(w.hello(f.toName))}</p>
<p>${escapeHtml(w.lead(f))}</p>
<table cellpadding="4" style="border-collapse: collapse">
${rows.map(([k, v]) => `<tr><th align="left" style="color: #555; font-weight: 600">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}
</table>
${f.lastMessage ? `<p style="color: #555; font-weight: 600">${escapeHtml(w.labels.lastMessage)}</p><blockquote style="margin: 0 0 0 8px; padding-left: 8px; border-left: 3px solid #ccc; white-space: pre-wrap">${escapeHtml(f.lastMessage)}</blockquote>` : ''}
</body></html>
`;
  // A subject is one line: a client's name or an object with a line break would break the header.
  return { subject: w.subject(f).replace(/\s+/g, ' ').trim().slice(0, 200), text, html };
}
