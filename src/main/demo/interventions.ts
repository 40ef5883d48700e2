import { computeStatus, type InterventionStatus, type SourceChannel, type TechnicianAnswer } from '../../shared/domain/intervention';
import type { ClientSet } from './clients';
import { COUNTRIES, type CountryData } from './data';
import { DAY, HOUR, MINUTE, commitIfFull, inserter, isoDate, type DemoContext } from './context';
import { pick, randInt, type Rnd } from './prng';
import type { Reference } from './reference';

/** A table of N slots filled in proportion to the weights: picking is one array read. */
function lookup<T>(entries: readonly (readonly [T, number])[], size = 1000): T[] {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const out: T[] = [];
  for (const [v, w] of entries) for (let i = 0; i < Math.round((w / total) * size); i++) out.push(v);
  return out;
}
/** The grid the visits are planned on. */
const QUARTER = 15 * MINUTE;
const draw = <T>(rnd: Rnd, table: readonly T[]): T => table[(rnd() * table.length) | 0] as T;

const SOURCES = lookup<SourceChannel>([['phone', 70], ['email', 14], ['portal', 8], ['schedule', 5], ['walk_in', 3]]);
const PRIORITIES = lookup([[1, 25], [2, 50], [3, 25]]);
const ROOT_WEIGHTS: Record<string, number> = { REP: 35, MNT: 25, INS: 15, INF: 9, CMP: 8, WAR: 8 };
const MESSAGE_COUNTS = lookup([[0, 30], [1, 45], [2, 20], [3, 5]]);

const INTERVENTION_COLUMNS = [
  'id', 'created_at', 'updated_at', 'version', 'series_id', 'number', 'doc_date', 'client_id', 'contact_person_id',
  'request_type_id', 'class1_id', 'class2_id', 'class3_id', 'priority', 'confirmed', 'object_kind', 'object_text',
  'product_id', 'asset_id', 'serial_lot', 'verifier_id', 'taken_by_id', 'team_id', 'planned_start', 'planned_end',
  'status', 'finalized_at', 'resolution', 'cancelled_at', 'cancel_reason', 'valid', 'notes', 'estimate', 'vehicle', 'source',
  'awaiting_reply', 'client_sort', 'technician_ids',
] as const;

/** Interventions per day: fewer at weekends, slowly growing over the year. */
function dailyCounts(total: number, now: number): { day: number; count: number; from: number; to: number }[] {
  const today = Math.floor(now / DAY) * DAY;
  const days: { day: number; weight: number; from: number; to: number }[] = [];
  for (let d = 364; d >= 0; d--) {
    const day = today - d * DAY;
    const dow = new Date(day).getUTCDay();
    const from = day + 6 * HOUR;
    // Office hours 06:00-18:00 UTC; today only up to now.
    const to = Math.min(day + 18 * HOUR, now);
    const share = to > from ? (to - from) / (12 * HOUR) : 0;
    const weight = (dow === 0 ? 0.12 : dow === 6 ? 0.35 : 1) * (0.8 + 0.2 * (1 - d / 365)) * share;
    days.push({ day, weight, from, to });
  }
  const sum = days.reduce((s, d) => s + d.weight, 0);
  let acc = 0;
  let given = 0;
  return days.map((d) => {
    acc += d.weight;
    const upTo = Math.round((acc / sum) * total);
    const count = upTo - given;
    given = upTo;
    return { day: d.day, count, from: d.from, to: d.to };
  });
}

const fmtDateTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function insertInterventions(
  ctx: DemoContext,
  ref: Reference,
  clients: ClientSet,
  total: number,
  onProgress?: (done: number, total: number) => void,
): number {
  const { rnd, uuid, now } = ctx;
  const intervention = inserter(ctx, 'interventions', INTERVENTION_COLUMNS);
  const technician = inserter(ctx, 'intervention_technicians', [
    'id', 'created_at', 'updated_at', 'version', 'intervention_id', 'person_id', 'answer', 'reason', 'answered_at',
  ]);
  const message = inserter(ctx, 'intervention_messages', [
    'id', 'created_at', 'updated_at', 'version', 'intervention_id', 'at', 'kind', 'person_id', 'body',
  ]);

  const typeTable = lookup(
    ref.requestTypes.map((t) => {
      const subtree = ref.requestTypes.filter((x) => x.root === t.root).length;
      // Top levels are rarely chosen as such: operators classify down to level 2 or 3.
      return [t, ((ROOT_WEIGHTS[t.root] ?? 5) / subtree) * (t.depth === 1 ? 0.3 : 1)] as const;
    }),
    4000,
  );
  const productsByFamily = new Map<string, number[]>();
  ref.products.forEach((p, i) => {
    const list = productsByFamily.get(p.family) ?? [];
    list.push(i);
    productsByFamily.set(p.family, list);
  });
  const allProducts = ref.products.map((_, i) => i);

  const nClients = clients.ids.length;
  let number = 0;
  let done = 0;
  const answers: TechnicianAnswer[] = [];
  const techIds: string[] = [];
  const answeredAts: (number | null)[] = [];

  // Each technician's planned visits, so the demo does not book anyone twice at once.
  const bookings = new Bookings();

  for (const day of dailyCounts(total, now)) {
    const docDate = isoDate(day.day);
    const span = day.to - day.from;
    for (let k = 0; k < day.count; k++) {
      const created = day.from + Math.floor(((k + rnd()) / day.count) * span);
      const id = uuid(created);
      // A few clients call much more than the rest.
      const ci = Math.floor(nClients * Math.pow(rnd(), 1.6));
      const country = clients.country[ci] as number;
      const c = COUNTRIES[country] as CountryData;
      const staff = ref.staff[country] as Reference['staff'][number];
      const type = draw(rnd, typeTable);
      const priority = rnd() < 0.6 ? type.priority : draw(rnd, PRIORITIES);

      const contactCount = clients.contactCount[ci] as number;
      const contactId =
        contactCount > 0 && rnd() < 0.75
          ? clients.contactIds[(clients.contactStart[ci] as number) + ((rnd() * contactCount) | 0)]
          : null;

      // Object: a client asset, a catalogue product, or free text.
      let objectKind: 'text' | 'product' | 'asset' = 'text';
      let objectText: string | null = null;
      let productId: string | null = null;
      let assetId: string | null = null;
      let serialLot: string | null = null;
      const assetCount = clients.assetCount[ci] as number;
      const r = rnd();
      if (assetCount > 0 && r < 0.4) {
        const a = (clients.assetStart[ci] as number) + ((rnd() * assetCount) | 0);
        objectKind = 'asset';
        assetId = clients.assetIds[a] as string;
        productId = ref.products[clients.assetProduct[a] as number]?.id ?? null;
        serialLot = clients.assetSerial[a] as string;
      } else if (r < 0.7) {
        const family = productsByFamily.get(type.family) ?? allProducts;
        objectKind = 'product';
        productId = ref.products[family[(rnd() * family.length) | 0] as number]?.id ?? null;
      } else {
        objectText = pick(rnd, c.texts.objectTexts);
      }

      // Which state the story reaches: older cases are mostly closed.
      const age = now - created;
      let target: InterventionStatus;
      const u = rnd();
      if (rnd() < 0.04) target = 'cancelled';
      else if (age > 21 * DAY) target = u < 0.975 ? 'finalized' : u < 0.985 ? 'confirmed' : u < 0.993 ? 'allocated' : 'taken';
      else if (age > 7 * DAY) target = u < 0.6 ? 'finalized' : u < 0.82 ? 'confirmed' : u < 0.94 ? 'allocated' : 'taken';
      else if (age > DAY) target = u < 0.2 ? 'finalized' : u < 0.5 ? 'confirmed' : u < 0.8 ? 'allocated' : 'taken';
      else target = u < 0.25 ? 'confirmed' : u < 0.6 ? 'allocated' : 'taken';

      const planned =
        target === 'finalized' || target === 'confirmed' || target === 'allocated' ||
        (target === 'taken' && rnd() < 0.25) || (target === 'cancelled' && rnd() < 0.5);
      let teamId: string | null = null;
      let teamName = '';
      let verifierId: string | null = null;
      let plannedStart: number | null = null;
      let plannedEnd: number | null = null;
      let finalizedAt: number | null = null;
      let cancelledAt: number | null = null;
      answers.length = 0;
      techIds.length = 0;
      let lastAnswerAt = created;
      if (planned) {
        const team = pick(rnd, staff.teams);
        teamId = team.id;
        teamName = team.name;
        verifierId = pick(rnd, staff.verifiers);
        const delayDays = priority === 3 ? randInt(rnd, 0, 1) : priority === 2 ? randInt(rnd, 1, 4) : randInt(rnd, 2, 10);
        let start = Math.floor((created + delayDays * DAY) / DAY) * DAY + randInt(rnd, 6, 15) * HOUR + randInt(rnd, 0, 3) * 15 * MINUTE;
        if (start < created + HOUR) start = Math.ceil((created + 2 * HOUR) / (15 * MINUTE)) * 15 * MINUTE;
        const length = randInt(rnd, 2, 8) * 30 * MINUTE;
        const n = team.members.length > 1 && rnd() < 0.35 ? 2 : 1;
        const first = (rnd() * team.members.length) | 0;
        // Team members free at that time, the drawn one first; if too few are, the visit moves on
        // by the hour (up to five days on). A demo denser than a team can work keeps its overlaps.
        const placed = bookings.place(team.members, first, n, start, length);
        plannedStart = placed.start;
        plannedEnd = placed.start + length;
        techIds.push(...placed.people);
        // A case cannot be finished before its visit ends: it is then still confirmed.
        if (target === 'finalized' && plannedEnd + HOUR > now) target = 'confirmed';
        for (let t = 0; t < n; t++) {
          let a: TechnicianAnswer;
          if (target === 'finalized' || target === 'confirmed') a = 'accepted';
          else if (target === 'allocated') a = t === 0 ? 'pending' : rnd() < 0.5 ? 'accepted' : 'pending';
          else if (target === 'taken') a = t === 0 ? 'rejected' : rnd() < 0.5 ? 'accepted' : 'pending';
          else a = rnd() < 0.5 ? 'accepted' : 'pending';
          answers.push(a);
        }
      }
      if (target === 'finalized') finalizedAt = (plannedEnd as number) + Math.floor(rnd() * Math.min(3 * HOUR, now - (plannedEnd as number)));
      // Assignment follows the call by a few minutes (but never lies in the future).
      const assigned = Math.min(created + 5 * MINUTE, now);
      if (target === 'cancelled') cancelledAt = assigned + Math.floor(rnd() * Math.min(3 * DAY, now - assigned));

      const status = computeStatus({
        cancelledAt, finalizedAt, plannedStart, plannedEnd, teamId, verifierId, technicianAnswers: answers,
      });
      const allAccepted = answers.length > 0 && answers.every((a) => a === 'accepted');

      // Technicians answer between the allocation and the visit (or now, if that is sooner).
      answeredAts.length = 0;
      for (let t = 0; t < techIds.length; t++) {
        const latest = Math.min(plannedStart as number, cancelledAt ?? now, now);
        const at = answers[t] === 'pending' ? null : assigned + Math.floor(rnd() * Math.max(0, latest - assigned));
        if (at !== null && at > lastAnswerAt) lastAnswerAt = at;
        answeredAts.push(at);
      }

      // Drafts (not yet validated, so not numbered) are recent, untouched requests.
      const valid = !(status === 'taken' && age < 3 * DAY && rnd() < 0.25);
      const updated = Math.max(created, lastAnswerAt, finalizedAt ?? 0, cancelledAt ?? 0);
      intervention([
        id, created, updated, 1, ref.interventionSeriesId, valid ? ++number : null, docDate, clients.ids[ci], contactId,
        type.id, type.class1, type.class2, type.class3, priority, allAccepted ? 1 : 0, objectKind, objectText,
        productId, assetId, serialLot, verifierId, pick(rnd, staff.operators), teamId, plannedStart, plannedEnd,
        status, finalizedAt, finalizedAt !== null ? pick(rnd, c.texts.resolutions) : null,
        cancelledAt, cancelledAt !== null ? pick(rnd, c.texts.cancelReasons) : null, valid ? 1 : 0,
        rnd() < 0.2 ? pick(rnd, c.texts.interventionNotes) : null,
        rnd() < 0.15 ? `${randInt(rnd, 1, 8)} h` : null,
        planned && rnd() < 0.3 ? pick(rnd, c.texts.vehicles) : null,
        draw(rnd, SOURCES),
        // Allocated means technicians were asked and not all have answered yet.
        status === 'allocated' ? 1 : 0,
        // The two columns the write path keeps, written here so that a million rows are not
        // updated twice more afterwards. The list in person id order, as the write path's
        // group_concat reads it from the (intervention, person) index: a synced copy equals it.
        clients.sortKeys[ci], [...techIds].sort().join(','),
      ]);

      for (let t = 0; t < techIds.length; t++) {
        const a = answers[t] as TechnicianAnswer;
        const at = answeredAts[t] ?? null;
        technician([
          uuid(assigned), assigned, at ?? assigned, 1, id, techIds[t], a,
          a === 'rejected' ? pick(rnd, c.texts.rejectReasons) : null, at,
        ]);
      }

      // The thread: about one message per intervention, in the client's language.
      const messages = draw(rnd, MESSAGE_COUNTS);
      const end = finalizedAt ?? cancelledAt ?? Math.min(now, created + 10 * DAY);
      for (let m = 0; m < messages; m++) {
        let kind: 'note' | 'system' | 'email_in';
        let body: string;
        let at: number;
        let personId: string | null = null;
        if (status !== 'taken' && rnd() < 0.35) {
          kind = 'system';
          if (status === 'finalized') [body, at] = [c.texts.systemFinalized, finalizedAt as number];
          else if (status === 'cancelled') [body, at] = [c.texts.systemCancelled, cancelledAt as number];
          else if (status === 'confirmed') [body, at] = [c.texts.systemConfirmed.replace('{team}', teamName), lastAnswerAt];
          else [body, at] = [c.texts.systemAllocated.replace('{team}', teamName).replace('{date}', fmtDateTime(plannedStart as number)), assigned];
        } else if (rnd() < 0.7) {
          kind = 'note';
          body = pick(rnd, c.texts.notes);
          at = created + Math.floor(rnd() * (end - created));
          personId = techIds.length > 0 && rnd() < 0.3 ? (techIds[0] as string) : pick(rnd, staff.operators);
        } else {
          kind = 'email_in';
          body = pick(rnd, c.texts.emailsIn);
          at = created + Math.floor(rnd() * (end - created));
        }
        if (at > now) at = now;
        message([uuid(at), at, at, 1, id, at, kind, personId, body]);
      }
      if (answers.includes('rejected') && rnd() < 0.5) {
        message([uuid(lastAnswerAt), lastAnswerAt, lastAnswerAt, 1, id, lastAnswerAt, 'system', null, c.texts.systemRejected]);
      }

      done++;
      if (commitIfFull(ctx)) onProgress?.(done, total);
    }
  }
  onProgress?.(done, total);
  return number;
}

/**
 * Each person's booked quarter hours, by the day a visit starts: who of a team is free for a
 * visit, and when. Every visit starts on a quarter hour and lasts whole half hours, so two
 * visits overlap exactly when they share a quarter. A grid of quarters answers "free?" in at
 * most 16 reads; the list of intervals it replaced was scanned whole, and at a million
 * interventions (some 70 visits a person a day) that scan was half of the generator's time.
 * As before, a visit is filed under the day it starts, also when it runs past midnight.
 */
class Bookings {
  /** Quarters booked, by person and then by day number. */
  private readonly byPerson = new Map<string, Map<number, Uint8Array>>();

  private grid(person: string, day: number): Uint8Array | undefined {
    return this.byPerson.get(person)?.get(day);
  }

  private static quarters(start: number, end: number): [number, number] {
    const day = Math.floor(start / DAY) * DAY;
    return [Math.floor((start - day) / QUARTER), Math.ceil((end - day) / QUARTER)];
  }

  private static free(grid: Uint8Array | undefined, start: number, end: number): boolean {
    if (!grid) return true;
    const [from, to] = Bookings.quarters(start, end);
    for (let q = from; q < to; q++) if (grid[q]) return false;
    return true;
  }

  private book(person: string, start: number, end: number): void {
    const day = Math.floor(start / DAY);
    const [from, to] = Bookings.quarters(start, end);
    let days = this.byPerson.get(person);
    if (!days) this.byPerson.set(person, (days = new Map<number, Uint8Array>()));
    let grid = days.get(day);
    // A day's quarters plus room for a visit that starts late and runs past midnight.
    if (!grid) days.set(day, (grid = new Uint8Array(Math.max(DAY / QUARTER + 32, to))));
    else if (grid.length < to) {
      const wider = new Uint8Array(to);
      wider.set(grid);
      days.set(day, (grid = wider));
    }
    grid.fill(1, from, to);
  }

  /** Where a visit may go: `start`, then each later hour that day and the next five days' working hours (07:00-20:00). */
  private *slots(start: number, length: number): Generator<number> {
    const day = Math.floor(start / DAY) * DAY;
    for (let at = start; at + length <= day + 20 * HOUR || at === start; at += HOUR) yield at;
    for (let d = 1; d <= 5; d++) for (let at = day + d * DAY + 7 * HOUR; at + length <= day + d * DAY + 20 * HOUR; at += HOUR) yield at;
  }

  /** `n` of `members` (from `first` on) free for the visit, at the first of its slots where enough are. */
  place(members: readonly string[], first: number, n: number, start: number, length: number): { start: number; people: string[] } {
    const order = members.map((_, k) => members[(first + k) % members.length] as string);
    // A full team tries every slot for every member: look each member's day up once per day, not per slot.
    let gridsDay = Number.NaN;
    let grids: (Uint8Array | undefined)[] = [];
    for (const at of this.slots(start, length)) {
      const day = Math.floor(at / DAY);
      if (day !== gridsDay) {
        gridsDay = day;
        grids = order.map((p) => this.grid(p, day));
      }
      const people: string[] = [];
      for (let k = 0; k < order.length && people.length < n; k++) {
        if (Bookings.free(grids[k], at, at + length)) people.push(order[k] as string);
      }
      if (people.length === n) {
        for (const p of people) this.book(p, at, at + length);
        return { start: at, people };
      }
    }
    const people = order.slice(0, n);
    for (const p of people) this.book(p, start, start + length);
    return { start, people };
  }
}
