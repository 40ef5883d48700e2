import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/main/files/access';
import { formatBytes, isImageMime, isInlineMime } from '../../src/shared/api/files';

describe('file helpers', () => {
  it('names sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25.0 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.00 GiB');
  });

  it('previews only images and PDF, never HTML or SVG', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'].every(isInlineMime)).toBe(true);
    expect(['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/plain', 'application/octet-stream'].some(isInlineMime)).toBe(false);
    expect(isImageMime('application/pdf')).toBe(false);
  });

  it('writes Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266)', () => {
    expect(contentDisposition('attachment', 'deviz ședință.pdf')).toBe(`attachment; filename="deviz _edin__.pdf"; filename*=UTF-8''deviz%20%C8%99edin%C8%9B%C4%83.pdf`);
    expect(contentDisposition('inline', `a"b\\c'(1).png`)).toBe(`inline; filename="a_b_c'(1).png"; filename*=UTF-8''a%22b%5Cc%27%281%29.png`);
  });
});
