import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clients, outbox, series, workingPeriods } from '../../src/main/db/schema';
import { openRaw, wrap } from '../../src/main/db/connection';
import { createRecord } from '../../src/main/core/records';
import { FileStore } from '../../src/main/files/file-store';
import { addAttachment } from '../../src/main/files/attachments';
import { safeFileName, sniffMimeType } from '../../src/shared/domain/files';
import { SYSTEM, type ServiceContext } from '../../src/main/core/context';
import { tempApp, type TempApp } from '../support/temp-app';
import { checkWorkingPeriod } from '../../src/main/numbering/working-periods';
import { takeNumber } from '../../src/main/numbering/series';
import { createPerson } from '../../src/main/personnel/people';
import { createTeam, teamMemberIds } from '../../src/main/personnel/teams';
import { createRequestType, classificationOf } from "../../src/main/request-types/hierarchy";
import { addMessage } from "../../src/main/thread/messages";
import { answerAssignment, assignTechnicians, cancelIntervention, createIntervention, finalizeIntervention, updateIntervention } from "../../src/main/interventions/commands";
import { setTechnicians } from "../../src/main/interventions/commands";

let t: TempApp;
let s: ServiceContext;
beforeEach(() => {
  t = tempApp();
  s = t.app.ctx;
});
afterEach(() => t.dispose());

const names = (en: string) => ({ nameEn: en, nameRo: en, namePtBr: en, nameCa: en });

function fixture() {
  createRecord(s, SYSTEM, workingPeriods, { startDate: '2026-01-01', endDate: '2026-12-31', open: true });
  const ser = createRecord(s, SYSTEM, series, { docType: 'intervention', prefix: 'INT', nextNumber: 1, endNumber: 3 });
  const client = createRecord(s, SYSTEM, clients, { kind: 'company', name: 'Climatizare Nord SRL', country: 'RO' });
  const top = createRequestType(s, SYSTEM, { code: 'REP', ...names('Repair') });
  const mid = createRequestType(s, SYSTEM, { code: 'REP-HVAC', parentId: top.id, ...names('HVAC') });
  const leaf = createRequestType(s, SYSTEM, { code: 'REP-HVAC-LEAK', parentId: mid.id, ...names('Leak') });
  const tech1 = createPerson(s, SYSTEM, { name: 'Ion Popescu', isTechnician: true });
  const tech2 = createPerson(s, SYSTEM, { name: 'Maria Ionescu', isTechnician: true });
  const verifier = createPerson(s, SYSTEM, { name: 'Andrei Pop', isVerifier: true });
  const team = createTeam(s, SYSTEM, 'Echipa Nord', [tech1.id, tech2.id, tech1.id], tech1.id);
  return { ser, client, top, mid, leaf, tech1, tech2, verifier, team };
}

describe('request types', () => {
  it('keeps depth and gives an intervention its three classification levels', () => {
    const f = fixture();
    expect([f.top.depth, f.mid.depth, f.leaf.depth]).toEqual([1, 2, 3]);
    expect(classificationOf(s, f.leaf.id)).toEqual({ class1Id: f.top.id, class2Id: f.mid.id, class3Id: f.leaf.id });
    expect(classificationOf(s, f.top.id)).toEqual({ class1Id: f.top.id, class2Id: null, class3Id: null });
    expect(() => createRequestType(s, SYSTEM, { code: 'X', parentId: f.leaf.id, ...names('Too deep') })).toThrow(/at most 3 levels/);
    expect(() => createRequestType(s, SYSTEM, { code: 'Y', parentId: 'nope', ...names('Orphan') })).toThrow(/parent request type does not exist/);
  });
});

describe('teams', () => {
  it('makes a team with its members once each', () => {
    const f = fixture();
    expect(teamMemberIds(s, f.team.id).sort()).toEqual([f.tech1.id, f.tech2.id].sort());
  });
});

describe('numbering', () => {
  it('gives numbers in order, never twice, and says when the series runs out', () => {
    const f = fixture();
    expect([takeNumber(s, f.ser.id), takeNumber(s, f.ser.id), takeNumber(s, f.ser.id)]).toEqual([1, 2, 3]);
    expect(() => takeNumber(s, f.ser.id)).toThrow('The series INT has run out of numbers (it ends at 3).');
    expect(() => takeNumber(s, 'missing')).toThrow(/does not exist/);
    expect(s.db.select().from(outbox).where(eq(outbox.rowId, f.ser.id)).all().filter((e) => e.op === 'update')).toHaveLength(3);
  });

  it('never hands the same number to two connections validating at once', () => {
    const f = fixture();
    s.raw.prepare('UPDATE series SET end_number = 1000 WHERE id = ?').run(f.ser.id);
    // A second connection to the same file, as a second process would have.
    const other = openRaw(t.app.identity.dbPath);
    const s2: ServiceContext = { ...s, raw: other, db: wrap(other) };
    const got: number[] = [];
    for (let i = 0; i < 100; i++) {
      got.push(s.raw.transaction(() => takeNumber(s, f.ser.id)).immediate());
      got.push(other.transaction(() => takeNumber(s2, f.ser.id)).immediate());
    }
    other.close();
    expect(new Set(got).size).toBe(200);
    expect(Math.max(...got)).toBe(200);
  });

  it('accepts document dates only inside the open working period', () => {
    fixture();
    expect(() => checkWorkingPeriod(s, '2026-06-01')).not.toThrow();
    expect(() => checkWorkingPeriod(s, '2025-12-31')).toThrow('The date 2025-12-31 is outside the open working period.');
  });
});

describe('intervention lifecycle', () => {
  it('goes taken -> allocated -> confirmed -> finalized, by facts alone', () => {
    const f = fixture();
    let i = createIntervention(s, SYSTEM, { docDate: '2026-03-02', clientId: f.client.id, requestTypeId: f.leaf.id, seriesId: f.ser.id, objectText: 'Camera video' }, { validate: true });
    expect(i).toMatchObject({ status: 'taken', number: 1, valid: true, class1Id: f.top.id, class3Id: f.leaf.id });
    i = updateIntervention(s, SYSTEM, i.id, i.version, { plannedStart: Date.parse('2026-03-02T08:00Z'), plannedEnd: Date.parse('2026-03-06T16:00Z'), teamId: f.team.id, verifierId: f.verifier.id });
    expect(i.status).toBe('allocated');
    i = assignTechnicians(s, SYSTEM, i.id, [f.tech1.id, f.tech2.id]);
    expect(i.status).toBe('allocated');
    i = answerAssignment(s, SYSTEM, i.id, f.tech1.id, 'accepted');
    expect(i.status).toBe('allocated');
    i = answerAssignment(s, SYSTEM, i.id, f.tech2.id, 'accepted');
    expect(i.status).toBe('confirmed');
    i = finalizeIntervention(s, SYSTEM, i.id, i.version, 'Installed and tested.');
    expect(i.status).toBe('finalized');
    expect(() => updateIntervention(s, SYSTEM, i.id, i.version, { notes: 'late edit' })).toThrow(/read-only/);
    expect(addMessage(s, SYSTEM, i.id, { body: 'Client called to say thanks.' }).kind).toBe('note');
  });

  it('goes back to taken when a technician rejects, and needs a reason', () => {
    const f = fixture();
    let i = createIntervention(s, SYSTEM, { docDate: '2026-03-02', clientId: f.client.id, plannedStart: 1, plannedEnd: 2, teamId: f.team.id, verifierId: f.verifier.id });
    i = assignTechnicians(s, SYSTEM, i.id, [f.tech1.id]);
    expect(i.status).toBe('allocated');
    expect(() => answerAssignment(s, SYSTEM, i.id, f.tech1.id, 'rejected', '  ')).toThrow(/Say why/);
    expect(() => answerAssignment(s, SYSTEM, i.id, f.tech2.id, 'accepted')).toThrow(/not on this intervention/);
    i = answerAssignment(s, SYSTEM, i.id, f.tech1.id, 'rejected', 'On leave that week');
    expect(i.status).toBe('taken');
  });

  it('takes a technician off and puts them back on (live pairs are unique, tombstones are not)', () => {
    const f = fixture();
    let i = createIntervention(s, SYSTEM, { docDate: '2026-03-02', clientId: f.client.id, plannedStart: 1, plannedEnd: 2, teamId: f.team.id, verifierId: f.verifier.id });
    i = setTechnicians(s, SYSTEM, i.id, i.version, [f.tech1.id, f.tech2.id]);
    i = setTechnicians(s, SYSTEM, i.id, i.version, [f.tech1.id]);
    i = setTechnicians(s, SYSTEM, i.id, i.version, [f.tech1.id, f.tech2.id]);
    const live = s.raw.prepare('SELECT person_id FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL ORDER BY person_id').pluck().all(i.id);
    expect(live).toEqual([f.tech1.id, f.tech2.id].sort());
    expect(i.status).toBe('allocated');
  });

  it('cancels with a reason from any open state, and not twice', () => {
    const f = fixture();
    let i = createIntervention(s, SYSTEM, { docDate: '2026-03-02', clientId: f.client.id });
    expect(() => cancelIntervention(s, SYSTEM, i.id, i.version, '')).toThrow(/why/);
    i = cancelIntervention(s, SYSTEM, i.id, i.version, 'Client solved it alone');
    expect(i).toMatchObject({ status: 'cancelled', cancelReason: 'Client solved it alone' });
    expect(() => cancelIntervention(s, SYSTEM, i.id, i.version, 'again')).toThrow(/cancelled intervention is read-only/);
    expect(() => finalizeIntervention(s, SYSTEM, i.id, i.version, 'x')).toThrow(/cancelled intervention is read-only/);
  });

  it('refuses a document date outside the working period, and leaves nothing behind', () => {
    const f = fixture();
    expect(() => createIntervention(s, SYSTEM, { docDate: '2027-01-05', clientId: f.client.id, seriesId: f.ser.id }, { validate: true })).toThrow(/outside the open working period/);
    expect(s.raw.prepare('SELECT count(*) AS n FROM interventions').get()).toEqual({ n: 0 });
    expect(s.raw.prepare('SELECT next_number AS n FROM series WHERE id = ?').get(f.ser.id)).toEqual({ n: 1 });
  });
});

describe('attachments', () => {
  it('stores files content-addressed: the same bytes once, byte-identical', () => {
    const store = new FileStore(t.app.filesDir);
    const pdf = Buffer.from('%PDF-1.4\n% a tiny pdf\n');
    const a = addAttachment(s, store, SYSTEM, { name: 'report.jpg', bytes: pdf, claimedType: 'image/jpeg' }, 1024);
    const b = addAttachment(s, store, SYSTEM, { name: 'copy.pdf', bytes: pdf }, 1024);
    expect(a.sha256).toBe(b.sha256);
    expect(a.mimeType).toBe('application/pdf');
    expect(readFileSync(store.pathOf(a.sha256))).toEqual(pdf);
    const dir = join(t.app.filesDir, a.sha256.slice(0, 2));
    expect(readdirSync(dir)).toEqual([a.sha256.slice(2)]);
  });

  it('refuses a file over the limit, an empty one and a nameless one, storing nothing', () => {
    const store = new FileStore(t.app.filesDir);
    expect(() => addAttachment(s, store, SYSTEM, { name: 'big.bin', bytes: new Uint8Array(2048) }, 1024)).toThrow('The file is 2.0 KiB; the limit is 1.0 KiB.');
    expect(() => addAttachment(s, store, SYSTEM, { name: 'empty.txt', bytes: new Uint8Array(0) }, 1024)).toThrow(/empty/);
    expect(() => addAttachment(s, store, SYSTEM, { name: '../', bytes: new Uint8Array(3) }, 1024)).toThrow(/needs a name/);
    expect(existsSync(t.app.filesDir) && readdirSync(t.app.filesDir)).toEqual([]);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/Not a file reference/);
  });

  it('makes file names safe and recognises types by their bytes', () => {
    expect(safeFileName('C:\\Users\\ana\\factură 12.pdf')).toBe('factură 12.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\u0000b<c>.txt')).toBe('a_b_c_.txt');
    expect(safeFileName('CON.txt')).toBeNull();
    expect(safeFileName('...')).toBeNull();
    expect(safeFileName(42)).toBeNull();
    expect(sniffMimeType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMimeType(Buffer.from('plain text'))).toBeNull();
  });
});
