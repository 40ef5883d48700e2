import { StringDecoder } from 'node:string_decoder';

/*
 * PostgreSQL's COPY text format, as COPY ... TO STDOUT writes it: one row per line, fields
 * separated by tabs, NULL as \N, and backslash escapes for backslash and the control characters
 * (COPY TO never writes octal or hex escapes). A bootstrap reads millions of rows this way; a
 * CSV parser measured slower and the format is this small.
 */

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescapeField(field: string): string {
  // Any other escaped character stands for itself (a backslash, for one).
  return field.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c);
}

/** One line of COPY text: its fields, null for \N. */
function parseCopyLine(line: string): (string | null)[] {
  const fields: (string | null)[] = line.split('\t');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    if (f === '\\N') fields[i] = null;
    else if (f.includes('\\')) fields[i] = unescapeField(f);
  }
  return fields;
}

/** Turns a stream's chunks into rows; a row (or a character) cut by a chunk's end waits for the next chunk. */
export class CopyTextDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  push(chunk: Buffer): (string | null)[][] {
    const text = this.rest + this.decoder.write(chunk);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.rest = text;
      return [];
    }
    this.rest = text.slice(end + 1);
    const rows: (string | null)[][] = [];
    let start = 0;
    while (start <= end) {
      const nl = text.indexOf('\n', start);
      rows.push(parseCopyLine(text.slice(start, nl)));
      start = nl + 1;
    }
    return rows;
  }

  /** The stream ended: anything left over is a row cut short (a dropped connection). */
  end(): void {
    const left = this.rest + this.decoder.end();
    if (left.length > 0) throw new Error(`The COPY data ended inside a row (${left.length} characters left over).`);
  }
}

/** One field as COPY FROM reads it (the inverse of parseCopyLine's unescaping); null as \N. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.replace(/[\\\t\n\r\b\f\v]/g, (c) => (c === '\\' ? '\\\\' : `\\${Object.keys(ESCAPES).find((k) => ESCAPES[k] === c)!}`));
}
