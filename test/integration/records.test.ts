import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clients, contactPersons, outbox, auditLog } from '../../src/main/db/schema';
import { applyRemoteChange, createRecord, deleteRecord, updateRecord } from '../../src/main/core/records';
import { unitOfWork } from '../../src/main/core/unit';
import type { Events } from '../../src/shared/api/contract';
import { SYSTEM } from '../../src/main/core/context';
import { ApiError } from '../../src/shared/api/result';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
beforeEach(() => {
  t = tempApp();
});
afterEach(() => t.dispose());

const newClient = { kind: 'company' as const, name: 'Tehnic Instal SRL', country: 'RO', phone: '+40722123456' };
const outboxFor = (id: string) => t.app.ctx.db.select().from(outbox).where(eq(outbox.rowId, id)).all();
const auditFor = (id: string) => t.app.ctx.db.select().from(auditLog).where(eq(auditLog.rowId, id)).all();

describe('the replicated write path', () => {
  it('stamps a UUIDv7 id, timestamps and version 1, and appends insert to the outbox', () => {
    const row = createRecord(t.app.ctx, { userId: null }, clients, newClient);
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.version).toBe(1);
    expect(row.deletedAt).toBeNull();
    expect(row.createdAt).toBe(row.updatedAt);
    const [entry] = outboxFor(row.id);
    expect(entry).toMatchObject({ tableName: 'clients', op: 'insert', baseVersion: 0, pushedAt: null });
    expect(JSON.parse(entry!.changes)).toMatchObject({ name: 'Tehnic Instal SRL', country: 'RO', version: 1 });
    expect(entry!.mutationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('updates only changed fields, bumps the version, and records them', () => {
    const row = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    const updated = updateRecord(t.app.ctx, SYSTEM, clients, row.id, 1, { name: 'Tehnic Instal SA', country: 'RO' });
    expect(updated.version).toBe(2);
    expect(updated.name).toBe('Tehnic Instal SA');
    const entries = outboxFor(row.id);
    expect(entries.map((e) => e.op)).toEqual(['insert', 'update']);
    expect(JSON.parse(entries[1]!.changes)).toEqual({ name: 'Tehnic Instal SA' });
    expect(entries[1]!.baseVersion).toBe(1);
  });

  it('refuses a stale edit as a conflict and writes nothing', () => {
    const row = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    updateRecord(t.app.ctx, SYSTEM, clients, row.id, 1, { name: 'First edit' });
    const stale = () => updateRecord(t.app.ctx, SYSTEM, clients, row.id, 1, { name: 'Second edit from an old copy' });
    expect(stale).toThrow(ApiError);
    expect(stale).toThrow(/changed by someone else/);
    expect(t.app.ctx.db.select().from(clients).where(eq(clients.id, row.id)).get()?.name).toBe('First edit');
    expect(outboxFor(row.id)).toHaveLength(2);
  });

  it('an update that changes nothing writes no outbox entry', () => {
    const row = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    updateRecord(t.app.ctx, SYSTEM, clients, row.id, 1, { name: newClient.name });
    expect(outboxFor(row.id)).toHaveLength(1);
  });

  it('deletes softly with a tombstone that goes to the outbox', () => {
    const row = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    deleteRecord(t.app.ctx, SYSTEM, clients, row.id, 1);
    const stored = t.app.ctx.db.select().from(clients).where(eq(clients.id, row.id)).get();
    expect(stored?.deletedAt).not.toBeNull();
    expect(stored?.version).toBe(2);
    expect(outboxFor(row.id).map((e) => e.op)).toEqual(['insert', 'delete']);
    expect(() => deleteRecord(t.app.ctx, SYSTEM, clients, row.id, 2)).toThrow(/changed or deleted/);
    expect(() => updateRecord(t.app.ctx, SYSTEM, clients, row.id, 2, { name: 'x' })).toThrow(/No clients row/);
  });

  it('writes neither the row nor its outbox entry when the database refuses the row', () => {
    const before = t.app.ctx.db.select().from(outbox).all().length;
    expect(() => createRecord(t.app.ctx, SYSTEM, contactPersons, { clientId: 'no-such-client', name: 'Ana Pop' })).toThrow(/FOREIGN KEY/);
    expect(t.app.ctx.db.select().from(outbox).all().length).toBe(before);
    expect(t.app.ctx.db.select().from(contactPersons).all()).toEqual([]);
  });

  it('audits at the configured level: basic, advanced (fields), detailed (old and new)', () => {
    const row = createRecord(t.app.ctx, { userId: 'u1' }, clients, newClient);
    t.app.settings.update({ operationLogLevel: 'basic' });
    updateRecord(t.app.ctx, { userId: 'u1' }, clients, row.id, 1, { name: 'B' });
    t.app.settings.update({ operationLogLevel: 'advanced' });
    updateRecord(t.app.ctx, { userId: 'u1' }, clients, row.id, 2, { name: 'C' });
    t.app.settings.update({ operationLogLevel: 'detailed' });
    updateRecord(t.app.ctx, { userId: 'u1' }, clients, row.id, 3, { name: 'D' });
    const entries = auditFor(row.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(entries.every((e) => e.userId === 'u1')).toBe(true);
    expect(entries[1]!.detail).toBeNull();
    expect(JSON.parse(entries[2]!.detail!)).toEqual(['name']);
    expect(JSON.parse(entries[3]!.detail!)).toEqual({ name: ['C', 'D'] });
  });

  it('tells listeners which entities of which capability changed, after the commit', () => {
    const seen: Events['data.changed'][] = [];
    const stop = t.app.ctx.events.subscribe((event, payload) => {
      if (event === 'data.changed') seen.push(payload as Events['data.changed']);
    });
    const row = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    // A contact person changes its client: the event names the client, not the contact row.
    createRecord(t.app.ctx, SYSTEM, contactPersons, { clientId: row.id, name: 'Ana Pop' });
    stop();
    expect(seen).toEqual([
      { capability: 'clients', ids: [row.id] },
      { capability: 'clients', ids: [row.id] },
    ]);
  });
});

describe('one user action, one unit of work', () => {
  it('writes one outbox mutation (each row once, folded) and one audit entry, and publishes once after the commit', () => {
    const client = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    t.app.settings.update({ operationLogLevel: 'detailed' });
    const seen: { event: string; inTransaction: boolean }[] = [];
    const stop = t.app.ctx.events.subscribe((event) => seen.push({ event, inTransaction: t.app.ctx.raw.inTransaction }));
    const auditBefore = t.app.ctx.db.select().from(auditLog).all().length;
    const contact = unitOfWork(
      t.app.ctx,
      { userId: 'u1' },
      () => {
        const c = createRecord(t.app.ctx, { userId: 'u1' }, contactPersons, { clientId: client.id, name: 'Ana Pop' });
        updateRecord(t.app.ctx, { userId: 'u1' }, contactPersons, c.id, 1, { name: 'Ana Popescu' });
        updateRecord(t.app.ctx, { userId: 'u1' }, clients, client.id, 1, { name: 'Tehnic Instal SA' });
        return c;
      },
      { action: 'update', subject: { table: 'clients', rowId: client.id } },
    );
    stop();
    const mutation = t.app.ctx.db.select().from(outbox).all().filter((e) => e.rowId === contact.id || (e.rowId === client.id && e.op === 'update'));
    expect(new Set(mutation.map((e) => e.mutationId)).size).toBe(1);
    // The contact person's insert carries its final name: two writes, one change.
    expect(mutation.filter((e) => e.rowId === contact.id).map((e) => [e.op, (JSON.parse(e.changes) as { name: string }).name])).toEqual([['insert', 'Ana Popescu']]);
    const audit = t.app.ctx.db.select().from(auditLog).all().slice(auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', tableName: 'clients', rowId: client.id, userId: 'u1' });
    const detail = JSON.parse(audit[0]!.detail!) as { v: number; changes: Record<string, unknown>; rows: { table: string; op: string }[] };
    expect(detail.changes).toEqual({ name: ['Tehnic Instal SRL', 'Tehnic Instal SA'] });
    expect(detail.rows).toMatchObject([{ table: 'contact_persons', op: 'insert' }]);
    expect(seen).toEqual([{ event: 'data.changed', inTransaction: false }]);
  });

  it('publishes nothing and writes nothing when the action is rolled back', () => {
    const client = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    const seen: unknown[] = [];
    const stop = t.app.ctx.events.subscribe((_event, payload) => seen.push(payload));
    const outboxBefore = t.app.ctx.db.select().from(outbox).all().length;
    expect(() =>
      unitOfWork(t.app.ctx, SYSTEM, () => {
        updateRecord(t.app.ctx, SYSTEM, clients, client.id, 1, { name: 'Renamed' });
        throw new ApiError('validation', 'a later rule refuses the action');
      }),
    ).toThrow(/later rule/);
    stop();
    expect(seen).toEqual([]);
    expect(t.app.ctx.db.select().from(outbox).all().length).toBe(outboxBefore);
    expect(t.app.ctx.db.select().from(clients).where(eq(clients.id, client.id)).get()?.name).toBe(newClient.name);
  });

  it('applies a change from the shared store without a version check or an outbox entry, audited and announced', () => {
    const client = createRecord(t.app.ctx, SYSTEM, clients, newClient);
    const seen: unknown[] = [];
    const stop = t.app.ctx.events.subscribe((_event, payload) => seen.push(payload));
    const outboxBefore = t.app.ctx.db.select().from(outbox).all().length;
    applyRemoteChange(t.app.ctx, clients, { rowId: client.id, op: 'update', version: 7, values: { name: 'From another workstation' } });
    const id = '019a0000-0000-7000-8000-000000000001';
    applyRemoteChange(t.app.ctx, clients, { rowId: id, op: 'insert', version: 1, values: { ...newClient, name: 'New elsewhere' } });
    stop();
    expect(t.app.ctx.db.select().from(clients).where(eq(clients.id, client.id)).get()).toMatchObject({ name: 'From another workstation', version: 7 });
    expect(t.app.ctx.db.select().from(clients).where(eq(clients.id, id)).get()).toMatchObject({ name: 'New elsewhere', version: 1 });
    expect(t.app.ctx.db.select().from(outbox).all().length).toBe(outboxBefore);
    expect(auditFor(client.id).map((e) => e.action)).toEqual(['create', 'sync']);
    expect(seen).toEqual([
      { capability: 'clients', ids: [client.id] },
      { capability: 'clients', ids: [id] },
    ]);
  });
});
