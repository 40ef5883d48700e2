export const INTERVENTION_STATUSES = ['taken', 'allocated', 'confirmed', 'finalized', 'cancelled'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

export const SOURCE_CHANNELS = ['phone', 'email', 'portal', 'schedule', 'walk_in'] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
export const isSource = (v: unknown): v is SourceChannel => (SOURCE_CHANNELS as readonly unknown[]).includes(v);

/** 'not_answered': still pending when the intervention was finalized (closed by the finalize). */
export const TECHNICIAN_ANSWERS = ['pending', 'accepted', 'rejected', 'not_answered'] as const;
export type TechnicianAnswer = (typeof TECHNICIAN_ANSWERS)[number];

export const MESSAGE_KINDS = ['note', 'email_in', 'email_out', 'call', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The facts the status is computed from (DESIGN.md: status is never typed in). */
export interface StatusFacts {
  cancelledAt: number | null;
  finalizedAt: number | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  teamId: string | null;
  verifierId: string | null;
  /** Answers of the technicians assigned; empty when none are. */
  technicianAnswers: readonly TechnicianAnswer[];
}

export function computeStatus(f: StatusFacts): InterventionStatus {
  if (f.cancelledAt !== null) return 'cancelled';
  if (f.finalizedAt !== null) return 'finalized';
  const allocated =
    f.plannedStart !== null && f.plannedEnd !== null && f.teamId !== null && f.verifierId !== null;
  if (!allocated) return 'taken';
  // A rejection sends the intervention back to taken: the operator must re-plan the team.
  if (f.technicianAnswers.includes('rejected')) return 'taken';
  const everyoneAccepted = f.technicianAnswers.length > 0 && f.technicianAnswers.every((a) => a === 'accepted');
  return everyoneAccepted ? 'confirmed' : 'allocated';
}

/** Finalized and cancelled interventions accept new messages only. */
export function isClosed(status: InterventionStatus): boolean {
  return status === 'finalized' || status === 'cancelled';
}
