import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { TEST_CLOCK } from './support/clock';
import { asUser, logIn, me } from './support/login';

/*
 * The Calendar module on the demo database, in a browser: the week of the host's (pinned) today
 * with its planned interventions, the views by key, the per-technician views, the filters, an
 * event opened by keyboard, a change made elsewhere shown at once, and the four languages.
 */

interface CalEvent {
  id: string;
  start: number;
  end: number;
  status: string;
  technicianIds: string[];
  technicianNames: string[];
  version: number;
  clashes: string[];
}

const DAY = 86_400_000;

/** The Monday 00:00 (UTC, as the test host runs) of the pinned day's week: the week view's range. */
function weekOf(at: number): { from: number; to: number } {
  const d = new Date(at);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  return { from: monday, to: monday + 7 * DAY };
}

/** An event of the week inside the hours the week view shows (06-22), with a technician. */
async function shownEvent(page: Page, editable = false, status?: string): Promise<CalEvent> {
  const { events } = await api<{ events: CalEvent[] }>(page, 'calendar.events', weekOf(Date.parse(TEST_CLOCK)));
  const inHours = events.filter(
    (e) =>
      new Date(e.start).getUTCHours() >= 6 &&
      new Date(e.end).getUTCHours() <= 21 &&
      e.end - e.start < DAY &&
      e.technicianIds.length > 0 &&
      (!editable || ['allocated', 'confirmed'].includes(e.status)) &&
      (status === undefined || (e.status === status && new Date(e.start).getUTCDay() !== 0)),
  );
  expect(inHours.length, 'the demo plans interventions in the pinned week').toBeGreaterThan(0);
  return inHours[0]!;
}

const eventEl = (page: Page, id: string) => page.locator(`.fc-event[data-event-id="${id}"]`);

/** As the form and the test host write it (UTC): 16/11/2026 20:00. */
const dateTime = (ms: number) => new Date(ms).toISOString().replace(/^(\d+)-(\d+)-(\d+)T(\d+:\d+).*$/, '$3/$2/$1 $4');

/**
 * Only this technician's visits on the calendar: a busy day column shows four visits side by side
 * and a "+N" for the rest, so a visit the test follows could be among the hidden ones.
 */
async function onlyTechnician(page: Page, name: string): Promise<void> {
  await page.getByTestId('calendar-filter-technicians').click();
  await page.getByTestId('calendar-filter-technicians').fill(name);
  await page.getByRole('option', { name, exact: true }).click();
  await page.keyboard.press('Escape');
}

/** The Interventions window, found by the intervention's number, shows it planned at `start` (with these technicians). */
async function gridAgrees(page: Page, id: string, start: number, technicians?: string): Promise<void> {
  const { number } = await api<{ number: number | null }>(page, 'interventions.get', { id });
  await page.keyboard.press('Alt+1');
  await page.getByTestId('search').fill(String(number));
  const row = page.locator(`[data-testid="grid-row"][data-row-id="${id}"]`);
  await expect(row.locator('[data-col="plannedStart"]')).toHaveText(dateTime(start));
  if (technicians !== undefined) await expect(row.locator('[data-col="technicians"]')).toHaveText(technicians);
}

test('the week of today with its planned interventions; views by key; per technician; filters; open by keyboard', async ({ page }) => {
  await logIn(page, 'operator');
  const ev = await shownEvent(page);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('calendar-window')).toBeVisible();
  await expect(page.locator('.fc-timeGridWeek-view')).toBeVisible();
  await expect(eventEl(page, ev.id)).toBeVisible();
  await expect(eventEl(page, ev.id)).toContainText(ev.technicianNames[0]!);
  // Its hours as the host's zone (UTC) writes them: "09:00 - 11:30" (written by our own formatter).
  const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  await expect(eventEl(page, ev.id)).toContainText(`${hm(ev.start)} - ${hm(ev.end)}`);
  await page.screenshot({ path: 'test-results/calendar/week.png' });

  // Keys on the calendar: M month, L list, D day, W week; PageDown the next period, T back to today.
  await page.getByTestId('calendar-body').focus();
  await page.keyboard.press('m');
  await expect(page.locator('.fc-dayGridMonth-view')).toBeVisible();
  await page.keyboard.press('l');
  await expect(page.locator('.fc-listWeek-view')).toBeVisible();
  await expect(eventEl(page, ev.id)).toHaveCount(1);
  await expect(eventEl(page, ev.id).locator('.fc-list-event-time')).toHaveText(`${hm(ev.start)} - ${hm(ev.end)}`);
  await page.keyboard.press('w');
  const title = await page.locator('.fc-toolbar-title').textContent();
  await page.keyboard.press('PageDown');
  await expect(page.locator('.fc-toolbar-title')).not.toHaveText(title!);
  await page.keyboard.press('t');
  await expect(page.locator('.fc-toolbar-title')).toHaveText(title!);

  // Per technician: a column each for the day; the event sits in its technician's column.
  await page.locator('.fc-resourceTimelineWeek-button').click();
  await expect(page.locator('.fc-resource-timeline')).toBeVisible();
  await expect(page.locator('.fc-datagrid-cell-main', { hasText: ev.technicianNames[0]! }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/calendar/technicians-week.png' });
  await page.locator('.fc-timeGridWeek-button').click();

  // Filtered by a status it does not have: gone; the filter cleared: back.
  const other = ev.status === 'allocated' ? 'Confirmed' : 'Allocated';
  await page.getByTestId('calendar-filter-statuses').click();
  await page.getByRole('option', { name: other }).click();
  await page.keyboard.press('Escape');
  await expect(eventEl(page, ev.id)).toHaveCount(0);
  await page.getByTestId('calendar-filter-statuses').focus();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
  await expect(eventEl(page, ev.id)).toBeVisible();

  // Tab reaches an event, Enter opens its form over the calendar; Esc closes it, the calendar keeps the focus.
  await eventEl(page, ev.id).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-version', String(ev.version));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await expect(page.getByTestId('calendar-body')).toBeFocused();
});

test('a change made in another window moves the event at once', async ({ page, browser }) => {
  await logIn(page, 'operator');
  const ev = await shownEvent(page, true);
  await page.keyboard.press('Alt+2');
  await onlyTechnician(page, ev.technicianNames[0]!);
  await expect(eventEl(page, ev.id)).toBeVisible();
  const day = (await eventEl(page, ev.id).evaluate((el) => el.closest('[data-date]')?.getAttribute('data-date'))) ?? '';
  const other = await asUser(browser, 'supervisor');
  // A day later, or a day earlier on the week's last day: still in the week shown.
  const shift = new Date(ev.start).getUTCDay() === 0 ? -DAY : DAY;
  await api(other, 'interventions.update', { id: ev.id, version: ev.version, patch: { plannedStart: ev.start + shift, plannedEnd: ev.end + shift } });
  await expect.poll(() => eventEl(page, ev.id).evaluate((el) => el.closest('[data-date]')?.getAttribute('data-date'))).not.toBe(day);
  await other.context().close();
});

test('the calendar in the four languages (screenshots to look at)', async ({ page }) => {
  await logIn(page, 'operator');
  for (const language of ['en', 'ro', 'pt-BR', 'ca']) {
    await api(page, 'session.setLanguage', { language });
    await page.goto('/#/calendar');
    await page.reload();
    await expect(page.locator('.fc-timeGridWeek-view')).toBeVisible();
    await expect(page.locator('.fc-event').first()).toBeVisible();
    await page.screenshot({ path: `test-results/calendar/week-${language}.png` });
  }
  await api(page, 'session.setLanguage', { language: 'en' });
});

test('a confirmed visit dragged to the next day: asked first, moved by the form\'s command, and the thread says so', async ({ page }) => {
  await logIn(page, 'operator');
  const ev = await shownEvent(page, true, 'confirmed');
  await page.keyboard.press('Alt+2');
  await onlyTechnician(page, ev.technicianNames[0]!);
  const el = eventEl(page, ev.id);
  await expect(el).toBeVisible();
  const box = (await el.boundingBox())!;
  const day = new Date(ev.start).toISOString().slice(0, 10);
  const next = new Date(ev.start + DAY).toISOString().slice(0, 10);
  const from = (await page.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox())!;
  const to = (await page.locator(`td.fc-timegrid-col[data-date="${next}"]`).boundingBox())!;
  // Grabbed near its top (its time stays), dropped one column to the right.
  const x = box.x + Math.min(10, box.width / 2);
  const y = box.y + 6;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + ((to.x - from.x) * i) / 10, y + i * 0.1);
  await page.mouse.up();
  await expect(page.getByTestId('calendar-move-ok')).toBeVisible();
  await page.screenshot({ path: 'test-results/calendar/move-confirmed.png' });
  await page.getByTestId('calendar-move-ok').click();
  await expect.poll(async () => (await api<{ plannedStart: number }>(page, 'interventions.get', { id: ev.id })).plannedStart).toBe(ev.start + DAY);
  const thread = await api<{ kind: string; body: string }[]>(page, 'interventions.messages.list', { id: ev.id });
  expect(thread.some((m) => m.kind === 'system' && m.body.includes('moved the planned visit to'))).toBe(true);
  await expect(eventEl(page, ev.id)).toBeVisible();
  expect(await eventEl(page, ev.id).evaluate((e) => e.closest('[data-date]')?.getAttribute('data-date'))).toBe(next);
  // The form and the grid agree (opened by keyboard: a neighbour may lie over part of it).
  await eventEl(page, ev.id).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-field-plannedStart')).toHaveValue(dateTime(ev.start + DAY));
  await page.getByTestId('ivf-field-object').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await gridAgrees(page, ev.id, ev.start + DAY, ev.technicianNames.join(', '));
});

test('a click in an empty slot opens a new intervention planned for an hour from there; Insert one unplanned', async ({ page }) => {
  await logIn(page, 'operator');
  await page.keyboard.press('Alt+2');
  await page.getByTestId('calendar-body').focus();
  await page.keyboard.press('d');
  await expect(page.locator('.fc-timeGridDay-view')).toBeVisible();
  // The lanes and the day's visits drawn first (a drag begun while they arrive starts over).
  await expect(page.getByTestId('calendar-window')).toHaveAttribute('data-lanes', 'ready');
  await expect(page.locator('.fc-timeGridDay-view .fc-event').first()).toBeVisible();
  const slot = (time: string) => page.locator(`td.fc-timegrid-slot-lane[data-time="${time}"]`).boundingBox().then((b) => b!);
  const discard = async () => {
    // Nothing saved: leaving asks first (the plan is a change), then the calendar has the keys again.
    await page.getByTestId('ivf-field-object').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('ivf-discard-confirm').click();
    await expect(page.getByTestId('ivf-form')).toHaveCount(0);
    await expect(page.getByTestId('calendar-body')).toBeFocused();
  };
  // A drag from 20:00 down to 20:30 selects that time (two slots): the new intervention is planned for it.
  const at20 = await slot('20:00:00');
  const at2030 = await slot('20:30:00');
  await page.mouse.move(at20.x + 40, at20.y + 8);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(at20.x + 40, at20.y + 8 + ((at2030.y - at20.y) * i) / 8);
  await page.mouse.up();
  await expect(page.getByTestId('ivf-field-plannedStart')).toHaveValue('16/11/2026 20:00');
  await expect(page.getByTestId('ivf-field-plannedEnd')).toHaveValue('16/11/2026 21:00');
  await discard();
  // A click at 20:00 on the pinned day (left in the column, where the demo plans nothing that late): an hour from there.
  await page.mouse.click(at20.x + 40, at20.y + 5);
  await expect(page.getByTestId('ivf-field-plannedStart')).toHaveValue('16/11/2026 20:00');
  await expect(page.getByTestId('ivf-field-plannedEnd')).toHaveValue('16/11/2026 21:00');
  await discard();
  // Insert: a new one without a plan, the client first.
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  await expect(page.getByTestId('ivf-field-plannedStart')).toHaveValue('');
  await expect(page.getByTestId('ivf-field-client')).toBeFocused();
  // From a plain field (an open list takes the first Esc); nothing typed, so nothing is asked.
  await page.getByTestId('ivf-field-object').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await expect(page.getByTestId('calendar-body')).toBeFocused();
});

test("a technician's calendar shows their own work: only mine by default, everyone's when they ask", async ({ browser }) => {
  const page = await asUser(browser, 'technician');
  try {
    const { personId } = await me(page);
    expect(personId).not.toBeNull();
    const week = weekOf(Date.parse(TEST_CLOCK));
    const theirs = (await api<{ events: CalEvent[] }>(page, 'calendar.events', { ...week, filters: { technicianIds: [personId] } })).events;
    const everyone = (await api<{ events: CalEvent[] }>(page, 'calendar.events', week)).events;
    expect(theirs.length, 'the demo plans the technician in the pinned week').toBeGreaterThan(0);
    expect(everyone.length).toBeGreaterThan(theirs.length);
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('calendar-only-mine')).toBeChecked();
    await expect(page.locator('.fc-event').first()).toBeVisible();
    const shownIds = async () => page.locator('.fc-event[data-event-id]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.eventId!))]);
    const mine = new Set(theirs.map((e) => e.id));
    const shown = await shownIds();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => !mine.has(id)), 'events of other technicians on their calendar').toEqual([]);
    await page.screenshot({ path: 'test-results/calendar/technician-own.png' });
    // Everyone's, when they switch it off.
    await page.getByTestId('calendar-only-mine').click();
    await expect.poll(async () => (await shownIds()).some((id) => !mine.has(id))).toBe(true);
  } finally {
    await page.context().close();
  }
});

test("a visit dropped on another technician's lane is theirs: the form's command changes the technician, the time stays", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, 'operator');
  const day = { from: Date.parse(`${TEST_CLOCK.slice(0, 10)}T00:00:00Z`), to: Date.parse(`${TEST_CLOCK.slice(0, 10)}T00:00:00Z`) + DAY };
  const { events } = await api<{ events: CalEvent[] }>(page, 'calendar.events', day);
  const ev = events.find((e) => e.status === 'allocated' && e.technicianIds.length === 1 && new Date(e.start).getUTCHours() >= 7 && new Date(e.end).getUTCHours() <= 20 && e.end - e.start <= 4 * 3_600_000);
  expect(ev, 'the demo has an allocated visit with one technician on the pinned day').toBeDefined();
  const { technicians } = await api<{ technicians: { id: string; name: string }[] }>(page, 'calendar.resources', {});
  const from = technicians.find((t) => t.id === ev!.technicianIds[0])!;
  // Someone free at that time (no visit of theirs that day overlaps it).
  const busy = new Set(events.filter((e) => e.start < ev!.end && e.end > ev!.start).flatMap((e) => e.technicianIds));
  const to = technicians.find((t) => !busy.has(t.id))!;
  await page.keyboard.press('Alt+2');
  // Only their two lanes (and "no technician"), so each is wide.
  await page.getByTestId('calendar-filter-technicians').click();
  for (const name of [from.name, to.name]) {
    await page.getByTestId('calendar-filter-technicians').fill(name);
    await page.getByRole('option', { name, exact: true }).click();
  }
  await page.keyboard.press('Escape');
  await page.locator('.fc-resourceTimeGridDay-button').click();
  const el = eventEl(page, ev!.id);
  await expect(el).toBeVisible();
  const lane = (id: string) => page.locator(`.fc-resourceTimeGridDay-view td.fc-timegrid-col[data-resource-id="${id}"]`).boundingBox().then((b) => b!);
  const a = await lane(from.id);
  const b = await lane(to.id);
  const box = (await el.boundingBox())!;
  const x = box.x + Math.min(10, box.width / 2);
  const y = box.y + 6;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + ((b.x - a.x) * i) / 10, y + i * 0.1);
  await page.mouse.up();
  await expect.poll(async () => (await api<{ technicians: { personId: string }[] }>(page, 'interventions.get', { id: ev!.id })).technicians.map((t) => t.personId)).toEqual([to.id]);
  const after = await api<{ plannedStart: number; plannedEnd: number }>(page, 'interventions.get', { id: ev!.id });
  expect([after.plannedStart, after.plannedEnd]).toEqual([ev!.start, ev!.end]);
  await expect(page.locator(`td.fc-timegrid-col[data-resource-id="${to.id}"] .fc-event[data-event-id="${ev!.id}"]`)).toBeVisible();
  await page.screenshot({ path: 'test-results/calendar/lane-drop.png' });
  // The form agrees: opened from the calendar, it has the new technician.
  await eventEl(page, ev!.id).click();
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  // Its technicians' answers, one badge each: the new one's alone.
  await expect(page.getByTestId('ivf-technician-answers')).toContainText(to.name);
  await expect(page.getByTestId('ivf-technician-answers')).not.toContainText(from.name);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  // So does the grid: its row names the new technician, at the same time.
  await gridAgrees(page, ev!.id, ev!.start, to.name);
});

test('a technician booked twice at once is flagged on both visits on the calendar, and in the form under the plan', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, 'operator');
  const day = Date.parse(`${TEST_CLOCK.slice(0, 10)}T00:00:00Z`);
  const { events } = await api<{ events: CalEvent[] }>(page, 'calendar.events', { from: day, to: day + DAY });
  const first = events.find((e) => e.technicianIds.length === 1 && e.clashes.length === 0 && new Date(e.start).getUTCHours() >= 7 && new Date(e.end).getUTCHours() <= 20 && e.end - e.start <= 4 * 3_600_000);
  expect(first, 'the demo has a visit of one technician, without a clash, on the pinned day').toBeDefined();
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  // The same technician, at the same time, on a new intervention.
  const second = await api<{ id: string }>(page, 'interventions.create', {
    docDate: TEST_CLOCK.slice(0, 10),
    clientId: client!.id,
    objectText: 'Double-booked E2E',
    plannedStart: first!.start + 30 * 60_000,
    plannedEnd: first!.end + 30 * 60_000,
    technicianIds: first!.technicianIds,
  });
  await page.keyboard.press('Alt+2');
  await page.getByTestId('calendar-body').focus();
  await page.keyboard.press('d');
  for (const id of [first!.id, second.id]) {
    const face = page.locator(`.fc-event[data-event-id="${id}"] [data-testid="calendar-event"]`);
    await expect(face).toHaveAttribute('data-clash', 'true');
    await expect(face.locator('.cal-clash')).toHaveAttribute('title', new RegExp(first!.technicianNames[0]!));
  }
  await page.screenshot({ path: 'test-results/calendar/double-booked.png' });
  // The form says it too, naming the other visit's technician (opened by keyboard: the two
  // visits overlap on screen, one partly over the other).
  await eventEl(page, second.id).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-technician-clashes')).toBeVisible();
  await expect(page.locator(`[data-testid="ivf-technician-clash"][data-person="${first!.technicianIds[0]!}"]`).first()).toBeVisible();
  await page.keyboard.press('Escape');
});
