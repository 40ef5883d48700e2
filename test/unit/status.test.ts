import { describe, expect, it } from 'vitest';
import { computeStatus, isClosed, type StatusFacts } from '../../src/shared/domain/intervention';

const base: StatusFacts = {
  cancelledAt: null,
  finalizedAt: null,
  plannedStart: null,
  plannedEnd: null,
  teamId: null,
  verifierId: null,
  technicianAnswers: [],
};
const allocated: StatusFacts = { ...base, plannedStart: 1, plannedEnd: 2, teamId: 't', verifierId: 'v', technicianAnswers: ['pending', 'pending'] };

describe('intervention status, computed from facts', () => {
  it('is taken until start, end, team and verifier are all set', () => {
    expect(computeStatus(base)).toBe('taken');
    for (const missing of ['plannedStart', 'plannedEnd', 'teamId', 'verifierId'] as const) {
      expect(computeStatus({ ...allocated, [missing]: null }), missing).toBe('taken');
    }
  });
  it('is allocated when planned, confirmed when every technician accepted', () => {
    expect(computeStatus(allocated)).toBe('allocated');
    expect(computeStatus({ ...allocated, technicianAnswers: ['accepted', 'pending'] })).toBe('allocated');
    expect(computeStatus({ ...allocated, technicianAnswers: ['accepted', 'accepted'] })).toBe('confirmed');
    expect(computeStatus({ ...allocated, technicianAnswers: [] })).toBe('allocated');
  });
  it('goes back to taken when a technician rejects', () => {
    expect(computeStatus({ ...allocated, technicianAnswers: ['accepted', 'rejected'] })).toBe('taken');
  });
  it('finalized and cancelled win over everything, cancelled first', () => {
    expect(computeStatus({ ...allocated, finalizedAt: 5 })).toBe('finalized');
    expect(computeStatus({ ...base, cancelledAt: 5 })).toBe('cancelled');
    expect(computeStatus({ ...allocated, finalizedAt: 5, cancelledAt: 6 })).toBe('cancelled');
    expect(isClosed('finalized') && isClosed('cancelled') && !isClosed('confirmed')).toBe(true);
  });
});
