import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { answer, fold } from '../../src/main/db/read-worker';
import { cellValue, csvCell, safeText } from '../../src/main/exports/export-worker';

/* The worker modules' own logic, run here in the test's thread (as workers they only add the port). */

describe('the read worker', () => {
  const db = new Database(':memory:');
  db.function('fold', { deterministic: true }, fold);
  db.exec("CREATE TABLE t (n INTEGER, s TEXT); INSERT INTO t VALUES (1, 'Ștefan'), (2, 'Ana')");
  const statements = new Map<string, Database.Statement>();

  it('answers rows as objects, as arrays, one row, and the changes of a run', () => {
    expect(answer(db, statements, { id: 1, mode: 'all', sql: 'SELECT n FROM t ORDER BY n', params: [] })).toEqual({ id: 1, ok: true, rows: [{ n: 1 }, { n: 2 }] });
    expect(answer(db, statements, { id: 2, mode: 'rows', sql: 'SELECT n, s FROM t WHERE n = ?', params: [2] })).toEqual({ id: 2, ok: true, rows: [[2, 'Ana']] });
    expect(answer(db, statements, { id: 3, mode: 'get', sql: 'SELECT fold(s) AS f FROM t WHERE n = ?', params: [1] })).toEqual({ id: 3, ok: true, rows: { f: 'stefan' } });
    expect(answer(db, statements, { id: 4, mode: 'exec', sql: 'CREATE TEMP TABLE x (r INTEGER)', params: [] })).toEqual({ id: 4, ok: true, rows: null });
    expect(answer(db, statements, { id: 5, mode: 'run', sql: 'INSERT INTO temp.x SELECT n FROM t', params: [] })).toEqual({ id: 5, ok: true, rows: 2 });
  });

  it('answers an SQL error as a refusal of that query only', () => {
    const r = answer(db, statements, { id: 6, mode: 'all', sql: 'SELECT nope FROM t', params: [] });
    expect(r).toMatchObject({ id: 6, ok: false });
    expect(r.message).toMatch(/no such column/);
  });
});

describe('the export worker', () => {
  const job = {
    labels: { status: { taken: 'Preluată' }, priority: { 3: 'High' }, source: { walk_in: 'La sediu' }, outcome: { missed: 'Nepreluat' }, yesNo: { yes: 'Da', no: 'Nu' } },
    tzOffsetMinutes: 120,
  };

  it('writes labels for codes and dates in the viewer’s zone', () => {
    expect(cellValue(job, 'status', 'taken', false)).toBe('Preluată');
    expect(cellValue(job, 'priority', 3, false)).toBe('High');
    expect(cellValue(job, 'datetime', Date.UTC(2026, 10, 16, 22, 30), false)).toBe('2026-11-17 00:30');
    expect(cellValue(job, 'bool', 1, false)).toBe('1');
    expect(cellValue(job, 'text', null, false)).toBe('');
    expect(cellValue(job, 'text', null, true)).toBeNull();
    // The call log's: an outcome's label, a duration (h:mm:ss in CSV, a fraction of a day for a spreadsheet), yes or no.
    expect(cellValue(job, 'outcome', 'missed', false)).toBe('Nepreluat');
    expect(cellValue(job, 'duration', 3725, false)).toBe('1:02:05');
    expect(cellValue(job, 'duration', 43_200, true)).toBe(0.5);
    expect(cellValue(job, 'yesNo', 1, false)).toBe('Da');
    expect(cellValue(job, 'yesNo', 0, false)).toBe('Nu');
  });

  it('quotes CSV cells with separators, quotes or line breaks, and writes a formula as text', () => {
    expect(csvCell('Pop; Ana')).toBe('"Pop; Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(42)).toBe('42');
    expect(safeText('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    for (const formula of ['+1+cmd|\' /C calc\'!A0', '-2+3+cmd|x', '@SUM(A1)', '\t=1', '\r=1', '  =1+1', ' \t+1']) {
      expect(safeText(formula)).toBe(`'${formula}`);
    }
    expect(safeText('Pop Ana - service')).toBe('Pop Ana - service');
    // A number column's values are numbers: negative ones stay numbers.
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(-1.5)).toBe('-1.5');
  });
});
