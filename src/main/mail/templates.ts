import type { MailEvent } from '../../shared/api/settings';
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
  /** Why it was cancelled (a cancellation's mail), or how it was resolved (a finalization's). */
  reason?: string | null;
  /** Whether replies are read (the shared mailbox is watched): then an allocation says how to answer by mail. */
  answerByMail?: boolean;
}

export type { MailEvent };

/** The words every event's mail shares, per language. */
interface Common {
  labels: { number: string; client: string; object: string; address: string; planned: string; priority: string; lastMessage: string; reason: string; resolution: string };
  notPlanned: string;
  priorities: Record<1 | 2 | 3, string>;
  hello: (name: string) => string;
}

/** What one event's mail says in one language. */
interface Said {
  subject: string;
  lead: string;
  /** How to answer by replying, when replies are read. */
  how?: string;
}

const dash = (s: string | null) => s ?? '—';

const COMMON: Record<Language, Common> = {
  en: {
    labels: { number: 'Number', client: 'Client', object: 'Object', address: 'Address', planned: 'Planned', priority: 'Priority', lastMessage: 'Last message', reason: 'Reason', resolution: 'Resolution' },
    notPlanned: 'not planned yet',
    priorities: { 1: 'Low', 2: 'Medium', 3: 'High' },
    hello: (name) => `Hello ${name},`,
  },
  ro: {
    labels: { number: 'Număr', client: 'Client', object: 'Obiectul sesizării', address: 'Adresa', planned: 'Planificată', priority: 'Prioritate', lastMessage: 'Ultimul mesaj', reason: 'Motivul', resolution: 'Rezolvare' },
    notPlanned: 'neplanificată încă',
    priorities: { 1: 'Scăzută', 2: 'Medie', 3: 'Ridicată' },
    hello: (name) => `Bună ziua, ${name},`,
  },
  'pt-BR': {
    labels: { number: 'Número', client: 'Cliente', object: 'Assunto', address: 'Endereço', planned: 'Previsto', priority: 'Prioridade', lastMessage: 'Última mensagem', reason: 'Motivo', resolution: 'Solução' },
    notPlanned: 'ainda sem previsão',
    priorities: { 1: 'Baixa', 2: 'Média', 3: 'Alta' },
    hello: (name) => `Olá, ${name},`,
  },
  ca: {
    labels: { number: 'Número', client: 'Client', object: 'Objecte', address: 'Adreça', planned: 'Previst', priority: 'Prioritat', lastMessage: 'Darrer missatge', reason: 'Motiu', resolution: 'Resolució' },
    notPlanned: 'encara sense planificar',
    priorities: { 1: 'Baixa', 2: 'Mitjana', 3: 'Alta' },
    hello: (name) => `Hola, ${name},`,
  },
};

const EVENTS: Record<MailEvent, Record<Language, Said>> = {
  allocation: {
    en: { subject: 'New assignment', lead: 'You have been assigned to this intervention.', how: 'Reply to this mail starting with "accept" to confirm it, or with "reject" followed by the reason.' },
    ro: { subject: 'Intervenție alocată', lead: 'Ați fost alocat(ă) la această intervenție.', how: 'Răspundeți la acest mesaj începând cu „accept” pentru a o confirma, sau cu „refuz” urmat de motiv.' },
    'pt-BR': { subject: 'Novo atendimento atribuído', lead: 'Você foi designado(a) para este atendimento.', how: 'Responda a este e-mail começando com "aceito" para confirmar, ou com "recuso" seguido do motivo.' },
    ca: { subject: 'Sol·licitud assignada', lead: 'Se us ha assignat aquesta sol·licitud.', how: 'Responeu aquest correu començant amb «accepto» per confirmar-la, o amb «rebutjo» seguit del motiu.' },
  },
  planChange: {
    en: { subject: 'Visit moved', lead: 'The planned visit of this intervention has moved. The new time is below.' },
    ro: { subject: 'Vizită mutată', lead: 'Vizita planificată a acestei intervenții s-a mutat. Noua dată este mai jos.' },
    'pt-BR': { subject: 'Visita remarcada', lead: 'A visita prevista deste atendimento foi remarcada. O novo horário está abaixo.' },
    ca: { subject: 'Visita canviada', lead: "La visita prevista d'aquesta sol·licitud ha canviat. La nova hora és a sota." },
  },
  confirmation: {
    en: { subject: 'Visit confirmed', lead: 'The team has confirmed the visit: it will come at the planned time below.' },
    ro: { subject: 'Vizită confirmată', lead: 'Echipa a confirmat vizita: va veni la data planificată de mai jos.' },
    'pt-BR': { subject: 'Visita confirmada', lead: 'A equipe confirmou a visita: ela virá no horário previsto abaixo.' },
    ca: { subject: 'Visita confirmada', lead: "L'equip ha confirmat la visita: vindrà a l'hora prevista que teniu a sota." },
  },
  finalization: {
    en: { subject: 'Done', lead: 'The work on this intervention is done. How it was resolved is below.' },
    ro: { subject: 'Finalizată', lead: 'Lucrarea pentru această intervenție s-a încheiat. Rezolvarea este mai jos.' },
    'pt-BR': { subject: 'Concluído', lead: 'O trabalho deste atendimento foi concluído. A solução está abaixo.' },
    ca: { subject: 'Finalitzada', lead: "La feina d'aquesta sol·licitud s'ha acabat. La resolució és a sota." },
  },
  newMessage: {
    en: { subject: 'New message', lead: 'A new message was added to this intervention. It is below; reply to this mail to answer in its thread.' },
    ro: { subject: 'Mesaj nou', lead: 'A fost adăugat un mesaj nou la această intervenție. Îl găsiți mai jos; răspundeți la acest e-mail pentru a scrie în mesajele ei.' },
    'pt-BR': { subject: 'Nova mensagem', lead: 'Uma nova mensagem foi adicionada a este atendimento. Ela está abaixo; responda a este e-mail para escrever nas mensagens dele.' },
    ca: { subject: 'Missatge nou', lead: "S'ha afegit un missatge nou a aquesta sol·licitud. El teniu a sota; responeu aquest correu per escriure als seus missatges." },
  },
  cancellation: {
    en: { subject: 'Cancelled', lead: 'This intervention has been cancelled: no visit is needed.' },
    ro: { subject: 'Anulată', lead: 'Această intervenție a fost anulată: vizita nu mai este necesară.' },
    'pt-BR': { subject: 'Cancelado', lead: 'Este atendimento foi cancelado: a visita não é mais necessária.' },
    ca: { subject: 'Anul·lada', lead: "Aquesta sol·licitud s'ha anul·lat: no cal fer la visita." },
  },
};

/** The app's own subject and opening words of an event's mail (what an administrator's text replaces). */
export function defaultText(event: MailEvent, language: Language): { subject: string; lead: string } {
  const { subject, lead } = EVENTS[event][language];
  return { subject, lead };
}

/** The words the facts are formatted with (a plan not set yet, the priority's name). */
export function wordsFor(language: Language): Pick<Common, 'notPlanned' | 'priorities'> {
  return COMMON[language];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The subject and both parts of an event's mail, in a language. */
export function render(event: MailEvent, language: Language, f: MailFacts, custom?: { subject: string; lead: string }): { subject: string; text: string; html: string } {
  const w = COMMON[language];
  // An administrator's words replace the subject and the opening paragraph; the facts stay the app's.
  const said = { ...EVENTS[event][language], ...custom };
  const rows: [string, string][] = [
    [w.labels.number, dash(f.number)],
    [w.labels.client, f.client],
    [w.labels.object, f.object],
    [w.labels.address, f.address || '—'],
    [w.labels.planned, f.planned],
    [w.labels.priority, f.priority],
    ...(f.reason ? ([[event === 'finalization' ? w.labels.resolution : w.labels.reason, f.reason]] as [string, string][]) : []),
  ];
  const how = f.answerByMail ? said.how : undefined;
  const text = [
    w.hello(f.toName),
    '',
    said.lead,
    ...(how ? ['', how] : []),
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(f.lastMessage ? ['', `${w.labels.lastMessage}:`, f.lastMessage] : []),
    '',
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><body style="font-family: sans-serif; font-size: 14px; color: #1a1b1e">
<p>${escapeHtml(w.hello(f.toName))}</p>
<p>${escapeHtml(said.lead)}</p>
${how ? `<p style="color: #555">${escapeHtml(how)}</p>\n` : ''}<table cellpadding="4" style="border-collapse: collapse">
${rows.map(([k, v]) => `<tr><th align="left" style="color: #555; font-weight: 600">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}
</table>
${f.lastMessage ? `<p style="color: #555; font-weight: 600">${escapeHtml(w.labels.lastMessage)}</p><blockquote style="margin: 0 0 0 8px; padding-left: 8px; border-left: 3px solid #ccc; white-space: pre-wrap">${escapeHtml(f.lastMessage)}</blockquote>` : ''}
</body></html>
`;
  const subject = `${f.number ? `[${f.number}] ` : ''}${said.subject}: ${f.client}, ${f.object}`;
  // A subject is one line: a client's name or an object with a line break would break the header.
  return { subject: subject.replace(/\s+/g, ' ').trim().slice(0, 200), text, html };
}
