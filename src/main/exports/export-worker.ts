import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnKind } from '../../shared/grid/columns';
import type { Param } from '../db/read-worker';

/*
 * The export worker (exports/exports.ts): walks a view's rows with a cursor (never all in
 * memory) on its own read-only connection, writes CSV by hand or XLSX with exceljs' streaming
 * writer, and reports progress to the main thread.
 */

export interface ExportJob {
  file: string;
  nativeBinding?: string | undefined;
  sql: string;
  countSql: string;
  params: Param[];
  /** The count's parameters, when they differ from the rows' (columns with their own). */
  countParams?: Param[] | undefined;
  out: string;
  format: 'csv' | 'xlsx';
  headers: string[];
  kinds: ExportKind[];
  widths: number[];
  /** Per kind of coded column, the code's label as the user reads it (status, priority, outcome…). */
  labels: Partial<Record<ExportKind, Record<string, string>>>;
  tzOffsetMinutes: number;
  delimiter: string;
  sheetName: string;
}

/** The grid's kinds, and the call log's: coded outcome and direction, seconds as a duration, a yes/no. */
export type ExportKind = ColumnKind | 'outcome' | 'direction' | 'duration' | 'yesNo';

export type ExportMessage = { type: 'progress' | 'done'; done: number; total: number } | { type: 'error'; message: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as SQLite gives it. */
type Stored = string | number | bigint | null | undefined;

const SECONDS_A_DAY = 86_400;

/** A cell's value as the file holds it: labels for codes, dates in the viewer's zone, durations as h:mm:ss. */
export function cellValue(job: Pick<ExportJob, 'labels' | 'tzOffsetMinutes'>, kind: ExportKind, v: Stored, forXlsx: boolean): unknown {
  if (v === null || v === undefined) return forXlsx ? null : '';
  const offset = job.tzOffsetMinutes * 60_000;
  const labels = job.labels[kind];
  if (kind === 'yesNo') return labels?.[Number(v) ? 'yes' : 'no'] ?? String(v);
  if (labels) return labels[String(v)] ?? v;
  if (kind === 'duration') {
    const seconds = Number(v);
    // A spreadsheet's duration is a fraction of a day (formatted [h]:mm:ss), so it sums and sorts.
    if (forXlsx) return seconds / SECONDS_A_DAY;
    return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(Math.floor(seconds % 60))}`;
  }
  if (kind === 'datetime') {
    const d = new Date(Number(v) + offset);
    if (forXlsx) return d;
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }
  if (kind === 'date' && forXlsx) return new Date(`${String(v)}T00:00:00Z`);
  if (kind === 'bool') return forXlsx ? v === 1 : v === 1 ? '1' : '0';
  return v;
}

/**
 * Text a spreadsheet would take as a formula: Excel, LibreOffice and Google Sheets start one on
 * = + - @ (also after spaces, which they skip), and a leading tab or carriage return hides it.
 * Only text is judged: a number column's values are numbers, so -12 stays a number.
 */
export const looksLikeFormula = (s: string): boolean => /^[\s]*[=+\-@]|^[\t\r]/.test(s);

/** A formula-looking text gets a leading apostrophe, so a spreadsheet shows it and never runs it (CSV injection). */
export function safeText(s: string): string {
  return looksLikeFormula(s) ? `'${s}` : s;
}

export function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? safeText(v) : String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const NUMBER_FORMATS: Partial<Record<ExportKind, string>> = { datetime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd', duration: '[h]:mm:ss' };

/** XLSX keeps text as text, but a formula-looking one is also formatted as Text so editing it never makes it a formula. */
const TEXT_FORMAT = '@';

/** Writes the whole file; `report` hears the progress every 5,000 rows. */
export async function writeExport(job: ExportJob, report: (m: ExportMessage) => void): Promise<void> {
  const db = new Database(job.file, { readonly: true, fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    const total = db.prepare(job.countSql).pluck().get(...(job.countParams ?? job.params)) as number;
    report({ type: 'progress', done: 0, total });
    const stmt = db.prepare(job.sql).raw(true);
    let done = 0;
    if (job.format === 'csv') {
      const fd = openSync(job.out, 'w');
      try {
        let buf = `\ufeff${job.headers.map(csvCell).join(job.delimiter)}\r\n`;
        for (const row of stmt.iterate(...job.params) as Iterable<unknown[]>) {
          buf += `${job.kinds.map((k, i) => csvCell(cellValue(job, k, row[i] as Stored, false))).join(job.delimiter)}\r\n`;
          if (++done % 5000 === 0) {
            writeSync(fd, buf);
            buf = '';
            report({ type: 'progress', done, total });
          }
        }
        writeSync(fd, buf);
      } finally {
        closeSync(fd);
      }
    } else {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: job.out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet(job.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = job.headers.map((h, i) => ({
        header: h,
        key: `c${i}`,
        width: Math.max(8, Math.min(50, Math.round((job.widths[i] ?? 100) / 7))),
        style: NUMBER_FORMATS[job.kinds[i]!] ? { numFmt: NUMBER_FORMATS[job.kinds[i]!] } : {},
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      for (const row of stmt.iterate(...job.params) as Iterable<unknown[]>) {
        const added = ws.addRow(job.kinds.map((k, i) => cellValue(job, k, row[i] as Stored, true)));
        added.eachCell((cell) => {
          if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) cell.numFmt = TEXT_FORMAT;
        });
        added.commit();
        if (++done % 5000 === 0) report({ type: 'progress', done, total });
      }
      ws.commit();
      await wb.commit();
    }
    report({ type: 'done', done, total });
  } finally {
    db.close();
  }
}

// Only as a worker: imported by a test, the module does nothing on its own.
if (parentPort) {
  const port = parentPort;
  writeExport(workerData as ExportJob, (m) => port.postMessage(m)).catch((e: unknown) =>
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ExportMessage),
  );
}
