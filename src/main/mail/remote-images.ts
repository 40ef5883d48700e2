import sanitizeHtml from 'sanitize-html';
import type { RemotePictures } from '../../shared/api/mail';
import { sanitizeMailHtml } from './parse';

/*
 * A received mail's pictures from the internet, fetched only when an operator asks (the Inbox's
 * "Show pictures"): until then a tracking pixel learns nothing. Main fetches them, not the
 * frame, so the frame's policy stays "no network" and what comes back is checked: a picture,
 * of a bounded size, inlined as a data: URL. No cookies, no referrer go with the requests.
 */

/** Raster formats only: an SVG can carry script and links, a picture here never needs to. */
const PICTURE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon', 'image/vnd.microsoft.icon']);
const MAX_PICTURES = 40;
const MAX_PICTURE_BYTES = 2 * 1024 * 1024;
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** The held-back addresses (data-src, written by parse.ts) of a stored mail's HTML, each once. */
function heldBack(html: string): string[] {
  const found = new Set<string>();
  // Read only for its pictures: the output is thrown away.
  sanitizeHtml(html, {
    allowedTags: ['img'],
    allowedAttributes: { img: ['data-src'] },
    transformTags: {
      img: (tagName, attribs) => {
        if (attribs['data-src']) found.add(attribs['data-src']);
        return { tagName, attribs };
      },
    },
  });
  return [...found];
}

const absolute = (src: string) => (src.startsWith('//') ? `https:${src}` : src);

/** One picture as a data: URL, or the reason it is not one. */
async function fetchPicture(src: string, budget: { left: number }): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(absolute(src));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' });
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!res.ok || !PICTURE_TYPES.has(type) || !res.body) {
      await res.body?.cancel();
      return null;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > MAX_PICTURE_BYTES || size > budget.left) {
        await reader.cancel();
        return null;
      }
      chunks.push(Buffer.from(part.value));
    }
    budget.left -= size;
    return `data:${type};base64,${Buffer.concat(chunks).toString('base64')}`;
  } catch {
    // Unreachable, refused, too slow: the picture stays held back, like any that failed.
    return null;
  }
}

/** Fetches the held-back pictures of a mail's (already sanitized) HTML and puts those that loaded in place. */
export async function showRemotePictures(html: string): Promise<RemotePictures> {
  const wanted = heldBack(html);
  const budget = { left: MAX_TOTAL_BYTES };
  const loaded = new Map<string, string>();
  // A few at a time: a mail of forty pictures should not open forty connections at once.
  const queue = wanted.slice(0, MAX_PICTURES);
  const worker = async () => {
    for (let src = queue.shift(); src !== undefined; src = queue.shift()) {
      const data = await fetchPicture(src, budget);
      if (data) loaded.set(src, data);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { html: sanitizeMailHtml(html, loaded), loaded: loaded.size, failed: wanted.length - loaded.size };
}
