import type { DateSelectArg, EventContentArg, EventDropArg, EventInput, EventSourceFuncArg, FormatterInput } from '@fullcalendar/core';
import type { DateClickArg, EventResizeDoneArg } from '@fullcalendar/interaction';
import caLocale from '@fullcalendar/core/locales/ca';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import ptBrLocale from '@fullcalendar/core/locales/pt-br';
import roLocale from '@fullcalendar/core/locales/ro';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import resourceTimeGridPlugin from '@fullcalendar/resource-timegrid';
import resourceTimelinePlugin from '@fullcalendar/resource-timeline';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, Button, Group, Modal, MultiSelect, SegmentedControl, Switch, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent, CalendarResources } from '../../../../shared/api/calendar';
import type { ContractPreview } from '../../../../shared/api/contracts';
import type { ScheduleSettings } from '../../../../shared/api/settings';
import { CALENDAR_MAX_EVENTS } from '../../../../shared/api/calendar';
import type { Me } from '../../../../shared/api/auth';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../../../shared/domain/intervention';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { hostNow } from '../../api/host-clock';
import { englishRegion } from '../../kit/dates';
import { dayText } from '../../kit/day-text';
import { statusLabel } from '../../kit/labels';
import { InterventionFormSlot, type InterventionPrefill } from '../../kit/slots';
import { NO_TECHNICIAN, previewInput, techniciansAfterDrop, toEventInput, type ColourBy } from './calendar-events';
import './calendar.css';

/** The project is GPL-3.0-or-later: FullCalendar's premium (resource) views under their GPL key. */
const LICENCE_KEY = 'GPL-My-Project-Is-Open-Source';

const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, resourceTimeGridPlugin, resourceTimelinePlugin];

/** The calendar's own words (buttons, week days, "all-day") in the user's language. */
function localeOf(language: string) {
  switch (language) {
    case 'ro':
      return roLocale;
    case 'pt-BR':
      return ptBrLocale;
    case 'ca':
      return caLocale;
    default:
      // English as the workstation's region writes dates: 'en' (US) is FullCalendar's default.
      return englishRegion() === 'US' ? 'en' : enGbLocale;
  }
}

/** A visit dragged or resized: where it goes, and how to put it back if main refuses. */
interface Move {
  event: CalendarEvent;
  start: number;
  end: number;
  technicianIds: string[] | null;
  revert: () => void;
}

/*
 * Options that never change are made once: the calendar re-reads every option on each render of
 * this screen, and a new object or function where an old one would do makes it redraw the view.
 */
const HEADER_TOOLBAR = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay,listWeek resourceTimeGridDay,resourceTimelineWeek' };
const TIME_FORMAT: FormatterInput = { hour: '2-digit', minute: '2-digit', hour12: false };
const TIMELINE_LABELS: FormatterInput[] = [{ weekday: 'short', day: 'numeric' }, TIME_FORMAT];
const twoDigits = (n: number) => String(n).padStart(2, '0');
/**
 * An event's "09:00 - 10:30", as TIME_FORMAT writes it in the four languages. FullCalendar's own
 * formatter makes a new Intl.DateTimeFormat for every range it writes (the "partial" format of
 * NativeFormatter.formatRange is never cached): 160 ms of a busy week's 500 (bench/calendar).
 */
const EVENT_TIME: FormatterInput = ({ start, end, defaultSeparator }) => {
  const hm = (d: { hour: number; minute: number }) => `${twoDigits(d.hour)}:${twoDigits(d.minute)}`;
  return end && hm(end) !== hm(start) ? `${hm(start)}${defaultSeparator}${hm(end)}` : hm(start);
};
/** "Today" is the host's (main dates documents by its clock; a test host's is pinned). */
const hostDate = () => new Date(hostNow());

const HOUR_MS = 3_600_000;
/** Until the settings are read: the defaults main has (Administration → Settings → working time). */
const DEFAULT_SCHEDULE: ScheduleSettings = { dayStart: '08:00', dayEnd: '18:00', workingDays: [1, 2, 3, 4, 5], hideNonWorkingDays: false, timelineDays: 7 };
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/** The calendar's options that follow the working time: shaded hours and days, the hours shown, hidden days. */
function scheduleOptions(s: ScheduleSettings) {
  const start = minutesOf(s.dayStart);
  const end = minutesOf(s.dayEnd);
  // FullCalendar counts days from Sunday (0); ours from Monday (1) to Sunday (7).
  const working = s.workingDays.map((d) => d % 7);
  return {
    businessHours: { daysOfWeek: working, startTime: s.dayStart, endTime: s.dayEnd },
    // Two hours before the working day and four after it show too (early and late visits).
    slotMinTime: clock(Math.max(0, Math.min(start - 120, 6 * 60))),
    slotMaxTime: clock(Math.min(24 * 60, Math.max(end + 240, 22 * 60))),
    scrollTime: clock(start),
    hiddenDays: s.hideNonWorkingDays ? [0, 1, 2, 3, 4, 5, 6].filter((d) => !working.includes(d)) : [],
    /** Where a visit made on a whole day (the month view) starts. */
    dayStartMs: start * 60_000,
  };
}

const VIEW_KEYS: Record<string, string> = { m: 'dayGridMonth', w: 'timeGridWeek', d: 'timeGridDay', l: 'listWeek' };

/** An element with a class, data attributes and text (never HTML: the text is the data's). */
function node(tag: 'div' | 'span', className: string, data: Record<string, string> = {}, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  for (const [k, v] of Object.entries(data)) el.dataset[k] = v;
  if (text !== undefined) el.textContent = text;
  return el;
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);

/**
 * The Calendar module: interventions at their planned start and end (month, week, day, list),
 * and per technician (a column each for a day, a lane each for a week). Events are read from main
 * for the range shown, filtered, and read again when any intervention changes; a click or Enter
 * on one opens its form over the calendar.
 */
export function CalendarWindow({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const calendarRef = useRef<FullCalendar>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [chosenTechnicians, setTechnicianIds] = useState<string[]>([]);
  /** A technician's own work (their default: their calendar is their week); anyone with a person may choose it. */
  const [onlyMine, setOnlyMine] = useState(me.scope === 'own' && me.personId !== null);
  const technicianIds = useMemo(() => (onlyMine && me.personId ? [me.personId] : chosenTechnicians), [onlyMine, me.personId, chosenTechnicians]);
  const [requestTypeIds, setRequestTypeIds] = useState<string[]>([]);
  const [zones, setZones] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<InterventionStatus[]>([]);
  const [colourBy, setColourBy] = useState<ColourBy>('status');
  /** Contracts' visits not made yet, drawn as outlines (a preview of what the generator will make). */
  const [previews, setPreviews] = useState(true);
  const [resources, setResources] = useState<CalendarResources | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  /** A new intervention being written, with what the calendar knew (a slot, a lane). */
  const [creating, setCreating] = useState<InterventionPrefill | null>(null);
  /** A move of a visit the team accepted, waiting for the user's yes. */
  const [asking, setAsking] = useState<Move | null>(null);
  const canWrite = allows(me.rights, 'interventions', 'write');
  const [lookups, setLookups] = useState<InterventionLookups | null>(null);
  const [initialDate] = useState(hostNow);
  const [schedule, setSchedule] = useState<ScheduleSettings>(DEFAULT_SCHEDULE);
  const working = useMemo(() => scheduleOptions(schedule), [schedule]);
  const views = useMemo(
    () => ({
      // A day column shows four visits side by side and a "+N" link that lists the rest: more
      // are too narrow to read, and drawing every one of a busy week's 2,000 took over a second.
      timeGrid: { eventMaxStack: 4 },
      resourceTimeGridDay: { buttonText: t('calendar.perTechnician') },
      resourceTimelineWeek: { buttonText: t('calendar.timeline'), duration: { days: schedule.timelineDays }, slotDuration: { hours: 2 }, slotLabelFormat: TIMELINE_LABELS },
    }),
    [t, schedule.timelineDays],
  );

  useEffect(() => {
    api.call('calendar.resources', {}).then(setResources, (e: unknown) => setError(toCallError(e).message));
    api.call('interventions.lookups', {}).then(setLookups, () => setLookups(null));
    api.call('settings.get', {}).then((s) => setSchedule(s.schedule), () => undefined);
  }, [api]);

  const filters = useMemo(
    () => ({
      ...(technicianIds.length > 0 ? { technicianIds } : {}),
      ...(teamIds.length > 0 ? { teamIds } : {}),
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(requestTypeIds.length > 0 ? { requestTypeIds } : {}),
      ...(zones.length > 0 ? { zones } : {}),
    }),
    [technicianIds, teamIds, statuses, requestTypeIds, zones],
  );
  // The event source is a new function whenever the filters or colours change: FullCalendar reads
  // again (and only then: a new function on every render would read on every render).
  const events = useCallback(
    // eslint-disable-next-line react-hooks/preserve-manual-memoization -- FullCalendar compares the source by identity
    (info: EventSourceFuncArg, success: (events: EventInput[]) => void, failure: (error: Error) => void) => {
      const range = { from: info.start.valueOf(), to: info.end.valueOf() };
      // A preview that cannot be read leaves the interventions shown.
      const ahead = previews ? api.call('contracts.preview', range).catch((): ContractPreview[] => []) : Promise.resolve([]);
      Promise.all([api.call('calendar.events', { ...range, filters }), ahead]).then(
        ([r, coming]) => {
          setMore(r.more);
          setLoadError(null);
          success([...r.events.map((e) => toEventInput(e, colourBy)), ...coming.map(previewInput)]);
        },
        (e: unknown) => {
          const message = toCallError(e).message;
          setLoadError(message);
          failure(new Error(message));
        },
      );
    },
    [api, filters, colourBy, previews],
  );
  useEffect(
    () => api.on('data.changed', ({ capability }) => (capability === 'interventions' || capability === 'contracts') && calendarRef.current?.getApi().refetchEvents()),
    [api],
  );
  // FullCalendar measures its slots on a window resize only: when the box around it moves or
  // changes size (the toolbar wraps, an alert shows), it is told, or a drag lands a slot off.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let last = '';
    const observer = new ResizeObserver(() => {
      const r = body.getBoundingClientRect();
      const now = `${r.top},${r.left},${r.width},${r.height}`;
      if (now !== last) calendarRef.current?.getApi().updateSize();
      last = now;
    });
    observer.observe(body);
    observer.observe(body.parentElement ?? body);
    return () => observer.disconnect();
  }, []);

  const lanes = useMemo(() => {
    const shown = (resources?.technicians ?? []).filter((r) => (technicianIds.length === 0 || technicianIds.includes(r.id)) && (teamIds.length === 0 || r.teamIds.some((id) => teamIds.includes(id))));
    return [...shown.map((r) => ({ id: r.id, title: r.name })), { id: NO_TECHNICIAN, title: t('calendar.noTechnician') }];
  }, [resources, technicianIds, teamIds, t]);

  /** One user action, one command: the form's save (planned start and end, and the team when the lane changed). */
  const save = (m: Move) => {
    api
      .call('interventions.update', {
        id: m.event.id,
        version: m.event.version,
        patch: { plannedStart: m.start, plannedEnd: m.end },
        ...(m.technicianIds ? { technicianIds: m.technicianIds } : {}),
      })
      .catch((e: unknown) => {
        m.revert();
        setError(toCallError(e).message);
      });
  };
  const moved = (info: EventDropArg | EventResizeDoneArg) => {
    const ev = info.event.extendedProps.event as CalendarEvent;
    const start = info.event.start?.valueOf();
    const end = info.event.end?.valueOf() ?? (start === undefined ? undefined : start + (ev.end - ev.start));
    if (start === undefined || end === undefined) return info.revert();
    const lanes = 'oldResource' in info ? techniciansAfterDrop(ev.technicianIds, info.oldResource?.id ?? null, info.newResource?.id ?? null) : null;
    const move: Move = { event: ev, start, end, technicianIds: lanes, revert: info.revert };
    // The team already accepted this visit: moving it is asked first (the thread will say it moved).
    if (ev.confirmed || ev.status === 'confirmed') setAsking(move);
    else save(move);
  };
  /** A new intervention planned in a slot: on a technician's lane, with them. */
  const createIn = (start: number, end: number, lane: string | undefined) =>
    setCreating({ plannedStart: start, plannedEnd: end, ...(lane && lane !== NO_TECHNICIAN ? { technicianIds: [lane] } : {}) });
  const selected = (info: DateSelectArg) => {
    info.view.calendar.unselect();
    // A day of the month view is a whole day: the visit is planned at the working day's start, for an hour.
    const start = info.allDay ? info.start.valueOf() + working.dayStartMs : info.start.valueOf();
    createIn(start, info.allDay ? start + HOUR_MS : info.end.valueOf(), info.resource?.id);
  };
  /** A click in an empty slot: an hour from there (a day of the month view: from the working day's start). */
  const clicked = (info: DateClickArg) => {
    if (!canWrite) return;
    const start = info.allDay ? info.date.valueOf() + working.dayStartMs : info.date.valueOf();
    createIn(start, start + HOUR_MS, info.resource?.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const cal = calendarRef.current?.getApi();
    if (!cal || typing(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
    const eventId = (e.target as HTMLElement).closest<HTMLElement>('[data-event-id]')?.dataset.eventId;
    if (e.key === 'Enter' && eventId && !eventId.startsWith('preview:')) {
      e.preventDefault();
      setOpen(eventId);
    } else if (e.key === 'Insert' && canWrite) {
      e.preventDefault();
      setCreating({});
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      if (e.key === 'PageUp') cal.prev();
      else cal.next();
    } else if (e.key.toLowerCase() === 't') {
      e.preventDefault();
      cal.today();
    } else if (VIEW_KEYS[e.key.toLowerCase()]) {
      e.preventDefault();
      cal.changeView(VIEW_KEYS[e.key.toLowerCase()]!);
    }
  };

  // An event's face as plain DOM nodes: FullCalendar mounts React content through a portal per
  // event, which made a week of 2,000 visits take seconds to draw (bench/calendar).
  const content = (arg: EventContentArg) => {
    const preview = arg.event.extendedProps.preview as ContractPreview | undefined;
    const when = arg.timeText ? `${arg.timeText} ` : '';
    if (preview) {
      const box = node('div', 'cal-event', { testid: 'calendar-preview', day: preview.day });
      box.title = t('contracts.calendar.previewTitle', { name: preview.contractName, date: dayText(i18n.language, preview.createsOn) });
      box.append(node('div', 'cal-event-title', {}, `⟳ ${when}${arg.event.title}`));
      return { domNodes: [box] };
    }
    const ev = arg.event.extendedProps.event as CalendarEvent;
    const box = node('div', 'cal-event', { eventId: ev.id, status: ev.status, clash: String(ev.clashes.length > 0), testid: 'calendar-event' });
    const title = node('div', 'cal-event-title');
    if (ev.clashes.length > 0) {
      const flag = node('span', 'cal-clash', {}, '⚠ ');
      flag.title = t('calendar.clash', { names: ev.technicianIds.flatMap((id, i) => (ev.clashes.includes(id) ? [ev.technicianNames[i]] : [])).join(', ') });
      title.append(flag);
    }
    title.append(`${when}${arg.event.title}`);
    box.append(title);
    if (ev.object) box.append(node('div', 'cal-event-line', {}, ev.object));
    if (ev.technicianNames.length > 0) box.append(node('div', 'cal-event-line', {}, ev.technicianNames.join(', ')));
    return { domNodes: [box] };
  };

  return (
    <div className="cal-window" data-testid="calendar-window" data-lanes={resources === null ? 'loading' : 'ready'}>
      <div className="cal-toolbar">
        {me.personId && (
          <Switch size="xs" label={t('calendar.onlyMine')} checked={onlyMine} onChange={(e) => setOnlyMine(e.currentTarget.checked)} data-testid="calendar-only-mine" />
        )}
        {!onlyMine && (
          <MultiSelect
            size="xs"
            w={200}
            data={(resources?.technicians ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={technicianIds}
            onChange={setTechnicianIds}
            placeholder={technicianIds.length === 0 ? t('calendar.anyTechnician') : undefined}
            aria-label={t('calendar.technicians')}
            searchable
            clearable
            data-testid="calendar-filter-technicians"
          />
        )}
        <MultiSelect
          size="xs"
          w={150}
          data={(resources?.teams ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={teamIds}
          onChange={setTeamIds}
          placeholder={teamIds.length === 0 ? t('calendar.anyTeam') : undefined}
          aria-label={t('calendar.teams')}
          clearable
          data-testid="calendar-filter-teams"
        />
        <MultiSelect
          size="xs"
          w={150}
          data={INTERVENTION_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
          value={statuses}
          onChange={(v) => setStatuses(v)}
          placeholder={statuses.length === 0 ? t('calendar.anyStatus') : undefined}
          aria-label={t('calendar.statuses')}
          clearable
          data-testid="calendar-filter-statuses"
        />
        <MultiSelect
          size="xs"
          w={170}
          data={(lookups?.requestTypes ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={requestTypeIds}
          onChange={setRequestTypeIds}
          placeholder={requestTypeIds.length === 0 ? t('calendar.anyRequestType') : undefined}
          aria-label={t('calendar.requestTypes')}
          searchable
          clearable
          data-testid="calendar-filter-request-types"
        />
        <MultiSelect
          size="xs"
          w={130}
          data={lookups?.commercialZones ?? []}
          value={zones}
          onChange={setZones}
          placeholder={zones.length === 0 ? t('calendar.anyZone') : undefined}
          aria-label={t('calendar.zones')}
          clearable
          data-testid="calendar-filter-zones"
        />
        <Text size="xs" c="dimmed">
          {t('calendar.colourBy')}
        </Text>
        <SegmentedControl
          size="xs"
          value={colourBy}
          onChange={(v) => setColourBy(v)}
          data={[
            { value: 'status', label: t('calendar.byStatus') },
            { value: 'priority', label: t('calendar.byPriority') },
          ]}
          aria-label={t('calendar.colourBy')}
          data-testid="calendar-colour-by"
        />
        <Switch size="xs" label={t('contracts.calendar.preview')} checked={previews} onChange={(e) => setPreviews(e.currentTarget.checked)} data-testid="calendar-previews" />
      </div>
      {(error ?? loadError) && (
        <Alert color="orange" p={6} withCloseButton onClose={() => (setError(null), setLoadError(null))} data-testid="calendar-error">
          {error ?? t('calendar.loadFailed', { reason: loadError })}
        </Alert>
      )}
      {more && (
        <Alert color="yellow" p={6} data-testid="calendar-more">
          {t('calendar.more', { n: CALENDAR_MAX_EVENTS })}
        </Alert>
      )}
      <div ref={bodyRef} className="cal-body" tabIndex={0} onKeyDown={onKeyDown} data-testid="calendar-body">
        <FullCalendar
          ref={calendarRef}
          plugins={PLUGINS}
          schedulerLicenseKey={LICENCE_KEY}
          locale={localeOf(i18n.language)}
          initialView="timeGridWeek"
          initialDate={initialDate}
          now={hostDate}
          headerToolbar={HEADER_TOOLBAR}
          views={views}
          height="100%"
          nowIndicator
          navLinks
          dayMaxEvents
          slotMinTime={working.slotMinTime}
          slotMaxTime={working.slotMaxTime}
          scrollTime={working.scrollTime}
          businessHours={working.businessHours}
          hiddenDays={working.hiddenDays}
          eventTimeFormat={EVENT_TIME}
          slotLabelFormat={TIME_FORMAT}
          resources={lanes}
          resourceAreaHeaderContent={t('calendar.technicians')}
          events={events}
          eventContent={content}
          editable={canWrite}
          selectable={canWrite}
          // A click is not a selection (dateClick plans an hour); a drag of a few pixels is. No
          // mirror: with one, the selection stopped at its first slot and \`select\` never fired.
          selectMinDistance={5}
          eventDrop={moved}
          eventResize={moved}
          select={selected}
          dateClick={clicked}
          eventDidMount={(arg) => {
            // Each event is reached by Tab and opened with Enter (onKeyDown above).
            arg.el.tabIndex = 0;
            arg.el.dataset.eventId = arg.event.id;
          }}
          eventClick={(arg) => {
            arg.jsEvent.preventDefault();
            if (!arg.event.extendedProps.preview) setOpen(arg.event.id);
          }}
        />
      </div>
      {asking && (
        <Modal opened onClose={() => (asking.revert(), setAsking(null))} title={t('calendar.moveConfirmedTitle')} size="md" data-testid="calendar-move-confirm">
          <Text size="sm">{t('calendar.moveConfirmed', { names: asking.event.technicianNames.join(', ') || '—' })}</Text>
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={() => (asking.revert(), setAsking(null))} data-testid="calendar-move-cancel">
              {t('calendar.moveCancel')}
            </Button>
            <Button
              onClick={() => {
                save(asking);
                setAsking(null);
              }}
              data-autofocus
              data-testid="calendar-move-ok"
            >
              {t('calendar.moveOk')}
            </Button>
          </Group>
        </Modal>
      )}
      {creating && (
        <InterventionFormSlot
          interventionId={null}
          lookups={lookups}
          personId={me.personId}
          canWrite={canWrite}
          canAddRequestTypes={allows(me.rights, 'admin', 'write')}
          prefill={creating}
          onClose={() => {
            setCreating(null);
            requestAnimationFrame(() => bodyRef.current?.focus());
          }}
        />
      )}
      {open && (
        <InterventionFormSlot
          key={open}
          interventionId={open}
          lookups={lookups}
          personId={me.personId}
          canWrite={canWrite}
          canAddRequestTypes={allows(me.rights, 'admin', 'write')}
          onClose={() => {
            setOpen(null);
            requestAnimationFrame(() => bodyRef.current?.focus());
          }}
        />
      )}
    </div>
  );
}
