/*
 * The export worker, inlined like the read workers (see db/read-pool.ts) so it runs the same
 * from the build, vitest and tsx. It walks the view's rows with a cursor (never all in memory)
 * and writes CSV by hand or XLSX with exceljs' streaming writer, reporting progress.
 */
export const EXPORT_WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(w.driverPath);
const db = new Database(w.file, Object.assign({ readonly: true, fileMustExist: true }, w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}));
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
const offset = w.tzOffsetMinutes * 60000;
const pad = (n) => String(n).padStart(2, '0');
function dateTime(ms) {
  const d = new Date(ms + offset);
  return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
}
function value(kind, v, forXlsx) {
  if (v === null || v === undefined) return forXlsx ? null : '';
  if (kind === 'status') return w.statusLabels[v] || v;
  if (kind === 'priority') return w.priorityLabels[v] || v;
  if (kind === 'datetime') return forXlsx ? new Date(v + offset) : dateTime(v);
  if (kind === 'date' && forXlsx) return new Date(v + 'T00:00:00Z');
  if (kind === 'bool') return forXlsx ? v === 1 : (v === 1 ? '1' : '0');
  return v;
}
// A cell that starts like a formula is written as text, so a spreadsheet never runs it (CSV injection).
function safe(s) { return /^[=@\\t\\r]|^[+-][^0-9]/.test(s) ? "'" + s : s; }
function csvCell(v) {
  const s = safe(String(v));
  return /[",;\\n\\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
async function main() {
  const total = db.prepare(w.countSql).pluck().get(...w.params);
  parentPort.postMessage({ type: 'progress', done: 0, total });
  const stmt = db.prepare(w.sql).raw(true);
  let done = 0;
  if (w.format === 'csv') {
    const fd = fs.openSync(w.out, 'w');
    let buf = '\\ufeff' + w.headers.map(csvCell).join(w.delimiter) + '\\r\\n';
    for (const row of stmt.iterate(...w.params)) {
      buf += w.kinds.map((k, i) => csvCell(value(k, row[i], false))).join(w.delimiter) + '\\r\\n';
      if (++done % 5000 === 0) {
        fs.writeSync(fd, buf); buf = '';
        parentPort.postMessage({ type: 'progress', done, total });
      }
    }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
  } else {
    const ExcelJS = require(w.exceljsPath);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: w.out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(w.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = w.headers.map((h, i) => ({ header: h, key: 'c' + i, width: Math.max(8, Math.min(50, Math.round(w.widths[i] / 7))),
      style: w.kinds[i] === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : w.kinds[i] === 'date' ? { numFmt: 'yyyy-mm-dd' } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const row of stmt.iterate(...w.params)) {
      ws.addRow(w.kinds.map((k, i) => value(k, row[i], true))).commit();
      if (++done % 5000 === 0) parentPort.postMessage({ type: 'progress', done, total });
    }
    ws.commit();
    await wb.commit();
  }
  parentPort.postMessage({ type: 'done', done, total });
}
main().catch((e) => parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }));
`;
