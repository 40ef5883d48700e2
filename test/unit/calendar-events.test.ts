import { describe, expect, it } from 'vitest';
import { NO_TECHNICIAN, techniciansAfterDrop, toEventInput } from '../../src/renderer/src/features/calendar/calendar-events';
import type { CalendarEvent } from '../../src/shared/api/calendar';

const event: CalendarEvent = {
  id: 'i1', label: 'INT 7', clientName: 'Ana', object: null, status: 'allocated', priority: 3, start: 0, end: 3_600_000,
  teamId: null, teamName: null, technicianIds: ['a', 'b'], technicianNames: ['A', 'B'], confirmed: false, version: 4, clashes: [],
};

describe('a visit on the calendar', () => {
  it('sits on each of its technicians’ lanes, or on "no technician"; a closed one does not move', () => {
    expect(toEventInput(event, 'status')).toMatchObject({ id: 'i1', title: 'INT 7 · Ana', resourceIds: ['a', 'b'], editable: true });
    expect(toEventInput({ ...event, technicianIds: [] }, 'priority').resourceIds).toEqual([NO_TECHNICIAN]);
    expect(toEventInput({ ...event, status: 'finalized' }, 'status').editable).toBe(false);
    expect(toEventInput(event, 'status').backgroundColor).not.toBe(toEventInput(event, 'priority').backgroundColor);
  });

  it('dropped on another lane: that technician takes the place of the one it left', () => {
    expect(techniciansAfterDrop(['a', 'b'], 'a', 'c')).toEqual(['b', 'c']);
    expect(techniciansAfterDrop(['a', 'b'], 'a', 'b')).toEqual(['b']);
    expect(techniciansAfterDrop(['a'], 'a', NO_TECHNICIAN)).toEqual([]);
    expect(techniciansAfterDrop([], NO_TECHNICIAN, 'c')).toEqual(['c']);
    expect(techniciansAfterDrop(['a'], 'a', 'a')).toBeNull();
    expect(techniciansAfterDrop(['a'], null, null)).toBeNull();
  });
});
