import type { EventInput } from '@fullcalendar/core';
import type { CalendarEvent } from '../../../../shared/api/calendar';
import type { ContractPreview } from '../../../../shared/api/contracts';
import type { InterventionStatus } from '../../../../shared/domain/intervention';

export type ColourBy = 'status' | 'priority';

/** The grid's status and priority colours (interventions.css, their text tones: white reads on them), so a visit looks the same in both. */
const STATUS_COLOURS: Record<InterventionStatus, string> = {
  taken: '#1d5a9c',
  allocated: '#955300',
  confirmed: '#0a6d5b',
  finalized: '#2a6e37',
  cancelled: '#6b7280',
};
const PRIORITY_COLOURS: Record<1 | 2 | 3, string> = { 1: '#6b7785', 2: '#b07000', 3: '#c92a2a' };

/** The lane of an intervention no technician is on yet (the per-technician views show it too). */
export const NO_TECHNICIAN = '__none__';

/** An intervention as FullCalendar draws it: on each of its technicians' lanes, coloured as chosen. */
export function toEventInput(e: CalendarEvent, colourBy: ColourBy): EventInput {
  const colour = colourBy === 'status' ? STATUS_COLOURS[e.status] : PRIORITY_COLOURS[e.priority];
  // A finalized or cancelled visit is history: it stays where it was.
  const movable = e.status !== 'finalized' && e.status !== 'cancelled';
  return {
    editable: movable,
    id: e.id,
    title: [e.label, e.clientName].filter(Boolean).join(' · '),
    start: e.start,
    end: e.end,
    resourceIds: e.technicianIds.length > 0 ? e.technicianIds : [NO_TECHNICIAN],
    backgroundColor: colour,
    borderColor: colour,
    textColor: '#fff',
    extendedProps: { event: e },
  };
}

/**
 * The technicians after a drop from one lane onto another: the lane's technician takes the place
 * of the one it left (the "no technician" lane adds or takes off); dropped on the same lane, or in
 * a view without lanes, the team stays.
 */
export function techniciansAfterDrop(current: readonly string[], from: string | null, to: string | null): string[] | null {
  if (from === null || to === null || from === to) return null;
  const kept = current.filter((id) => id !== from && id !== to);
  return to === NO_TECHNICIAN ? kept : [...kept, to];
}

/** Where a contract's visit not made yet shows: as a dashed outline, on the lane of no technician, never moved. */
export function previewInput(p: ContractPreview): EventInput {
  return {
    id: `preview:${p.contractId}:${p.day}`,
    editable: false,
    title: `${p.contractName} · ${p.clientName}`,
    start: p.start,
    end: p.end,
    resourceIds: [NO_TECHNICIAN],
    classNames: ['cal-preview'],
    backgroundColor: 'transparent',
    borderColor: '#7c8a9a',
    textColor: '#334155',
    extendedProps: { preview: p },
  };
}
