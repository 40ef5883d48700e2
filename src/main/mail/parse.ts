import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

/*
 * A mail as read from the shared mailbox, reduced to what the app uses. Whatever it holds is
 * data: its HTML is sanitized here (no script, handler, frame, form or style sheet survives) and
 * its remote images are held back (their address kept aside, not loaded); malformed MIME and
 * unknown charsets are read as well as mailparser can, never thrown at the watcher.
 */

export interface IncomingMail {
  messageId: string | null;
  sentAt: number | null;
  from: { address: string; name: string };
  /** Every address it was sent to (To, Cc, Delivered-To, X-Original-To): the token's plus-address is among them. */
  recipients: string[];
  subject: string;
  text: string;
  /** Sanitized, or null for a plain-text mail. */
  html: string | null;
  /** In-Reply-To, then References, as Message-IDs with their angle brackets. */
  references: string[];
  /** Why no person wrote it (an auto-reply, a bounce, a list), or null. */
  automatic: string | null;
  attachments: { fileName: string; contentType: string; bytes: Buffer }[];
}

const addresses = (v: AddressObject | AddressObject[] | undefined) => (v ? (Array.isArray(v) ? v : [v]).flatMap((a) => a.value) : []);

const headerText = (v: HeaderValue | undefined): string => {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => headerText(x as HeaderValue)).join(' ');
  if (v instanceof Date) return v.toISOString();
  if ('value' in v && typeof v.value === 'string') return v.value;
  if ('text' in v && typeof v.text === 'string') return v.text;
  return '';
};

/** The addresses inside a header's text, such as Delivered-To's (mailparser leaves those as strings). */
const addressesIn = (s: string) => s.match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? [];

/** Message-IDs in a header, each with its brackets. */
const messageIds = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => x.match(/<[^<>\s]+>/g) ?? []);

/**
 * Why a mail was sent by a program, after RFC 3834 and the habits of servers: an answer to it
 * would loop, and its first word must never accept or reject anything.
 */
function automaticReason(headers: Map<string, HeaderValue>, contentType: string, from: string): string | null {
  const h = (name: string) => headerText(headers.get(name)).trim().toLowerCase();
  const returnPath = h('return-path');
  if (contentType.startsWith('multipart/report') || returnPath === '<>' || returnPath === '' && headers.has('return-path') || /^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return `auto-submitted: ${auto}`;
  if (h('x-autoreply') || h('x-autorespond') || h('x-auto-response')) return 'auto-reply';
  const precedence = h('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`;
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'mailing list';
  return null;
}

/**
 * Keeps text, links, tables and inline pictures; holds remote images back (data-src) until asked,
 * then puts in those `shown` holds (address → data: URL, from remote-images.ts). Run again over
 * stored HTML it changes nothing else.
 */
export function sanitizeMailHtml(html: string, shown: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'font', 'center']),
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height', 'data-src'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      table: ['cellpadding', 'cellspacing', 'border', 'width'],
      font: ['color'],
      '*': ['style', 'dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data', 'cid'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    transformTags: {
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        const remote = /^https?:/i.test(src) || src.startsWith('//') ? src.slice(0, 2000) : attribs['data-src'];
        if (!remote) return { tagName, attribs };
        const { src: _remote, 'data-src': _held, ...rest } = attribs;
        const picture = shown.get(remote);
        return { tagName, attribs: picture ? { ...rest, src: picture } : { ...rest, 'data-src': remote } };
      },
      // A link opens outside the mail's frame, never in it, and tells nothing about where it came from.
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' } }),
    },
    allowedStyles: {
      '*': {
        color: [/^[#a-z0-9(),.\s%]+$/i],
        'background-color': [/^[#a-z0-9(),.\s%]+$/i],
        'text-align': [/^(left|right|center|justify)$/],
        'font-weight': [/^(bold|normal|\d{3})$/],
        'font-style': [/^(italic|normal)$/],
      },
    },
  });
}

/** Reads a raw mail. Throws only when nothing at all can be made of it. */
export async function parseMail(raw: Buffer): Promise<IncomingMail> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true, maxHtmlLengthToParse: 2_000_000 });
  const from = addresses(m.from)[0];
  const fromAddress = (from?.address ?? '').toLowerCase();
  const contentType = headerText(m.headers.get('content-type')).toLowerCase();
  const delivered = [m.headers.get('delivered-to'), m.headers.get('x-original-to'), m.headers.get('envelope-to')].flatMap((v) => addressesIn(headerText(v)));
  const recipients = [...addresses(m.to), ...addresses(m.cc)].map((a) => a.address ?? '').concat(delivered).filter(Boolean).map((a) => a.toLowerCase());
  const html = typeof m.html === 'string' && m.html ? sanitizeMailHtml(m.html) : null;
  return {
    messageId: m.messageId ? (m.messageId.startsWith('<') ? m.messageId : `<${m.messageId}>`).slice(0, 500) : null,
    sentAt: m.date && !Number.isNaN(m.date.getTime()) ? m.date.getTime() : null,
    from: { address: fromAddress, name: (from?.name ?? '').slice(0, 200) },
    recipients: [...new Set(recipients)],
    subject: (m.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 500),
    text: (m.text || (html ? htmlToPlain(html) : '')).slice(0, 200_000),
    html,
    references: [...new Set([...messageIds(m.inReplyTo), ...messageIds(m.references)])].slice(0, 100),
    automatic: automaticReason(m.headers, contentType, fromAddress),
    attachments: m.attachments
      // A picture the HTML shows inline is part of the text, not a file the thread should carry.
      .filter((a) => !(a.related && a.contentType.startsWith('image/')))
      .map((a, i) => ({ fileName: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType, bytes: a.content })),
  };
}

/** The words of sanitized HTML, for a mail that has no plain-text part. */
function htmlToPlain(html: string): string {
  return sanitizeHtml(html.replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)[^>]*>/gi, '\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
