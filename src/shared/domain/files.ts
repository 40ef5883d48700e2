/**
 * A file name as a person gave it, made safe to store and show: no folders, no control
 * characters, no names that mean something to a file system ("..", "CON"), at most 200 chars.
 * Returns null when nothing usable is left.
 */
export function safeFileName(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const base = input.split(/[\\/]/).pop() ?? '';
  let name = '';
  for (const ch of base.normalize('NFC')) {
    const c = ch.codePointAt(0) ?? 0;
    name += c < 32 || c === 127 || '<>:"|?*'.includes(ch) ? '_' : ch;
  }
  name = name.trim().replace(/^\.+/, '').slice(0, 200);
  if (!name || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) return null;
  return name;
}

const SIGNATURES: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'application/pdf'],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x47, 0x49, 0x46, 0x38], 'image/gif'],
  [[0x52, 0x49, 0x46, 0x46], 'audio/wav'],
  [[0x1a, 0x45, 0xdf, 0xa3], 'audio/webm'],
  [[0x50, 0x4b, 0x03, 0x04], 'application/zip'],
];

/** The type the first bytes prove, for the kinds the app previews or plays; null otherwise. */
export function sniffMimeType(bytes: Uint8Array): string | null {
  for (const [sig, type] of SIGNATURES) {
    if (sig.every((b, i) => bytes[i] === b)) {
      // RIFF is also WebP: tell them apart by the format tag at offset 8.
      if (type === 'audio/wav' && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'image/webp';
      return type;
    }
  }
  return null;
}
