/**
 * What a call looks like, derived from every status callback received for its legs. Pure and
 * order-independent: the same set of callbacks gives the same answer whatever order they
 * arrived in, and a retried callback changes nothing. Twilio's call lifecycle only moves forward
 * (queued → initiated → ringing → in-progress → a terminal status), so a leg's state is its
 * furthest status, never simply its latest delivery.
 */
import type { CallDirection, CallOutcome } from '../../shared/api';

export const TWILIO_CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type TwilioCallStatus = (typeof TWILIO_CALL_STATUSES)[number];

/** The call as the worker keeps it: `completed` once it is over, whatever the outcome. */
export type CallStatus = 'initiated' | 'ringing' | 'in-progress' | 'completed';

/** One status callback, as stored in `call_events`. */
export interface LegEvent {
  callSid: string;
  status: TwilioCallStatus;
  sequenceNumber: number | null;
  /** Milliseconds since the epoch. */
  occurredAt: number;
  durationSeconds: number | null;
  /** The leg's `To`: `client:odoo_<uid>` for an agent's leg of an inbound call. */
  to: string | null;
}

export interface CallProjection {
  status: CallStatus;
  /** Set once the call is over. */
  outcome: Exclude<CallOutcome, 'voicemail'> | null;
  answeredAt: number | null;
  endedAt: number | null;
  durationSeconds: number | null;
  /** `To` of the leg that answered (an inbound call's agent). */
  answeredBy: string | null;
}

const RANK: Record<TwilioCallStatus, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  failed: 4,
  'no-answer': 4,
  canceled: 4,
};

/** Statuses that end a leg. */
export const isTerminal = (status: TwilioCallStatus): boolean => RANK[status] === 4;

const OUTCOME_OF_TERMINAL: Record<string, Exclude<CallOutcome, 'voicemail' | 'answered'>> = {
  busy: 'busy',
  failed: 'failed',
  'no-answer': 'no_answer',
  canceled: 'canceled',
};

/** When several legs rang and none answered: the caller giving up explains the others. */
const UNANSWERED_PRIORITY = ['canceled', 'no_answer', 'busy', 'failed'] as const;

interface Leg {
  /** The furthest status; ties (two terminal statuses) go to the higher SequenceNumber. */
  furthest: LegEvent;
  inProgress: LegEvent | undefined;
  terminal: LegEvent | undefined;
}

function isFurther(candidate: LegEvent, current: LegEvent): boolean {
  const byRank = RANK[candidate.status] - RANK[current.status];
  if (byRank !== 0) return byRank > 0;
  const bySequence = (candidate.sequenceNumber ?? -1) - (current.sequenceNumber ?? -1);
  if (bySequence !== 0) return bySequence > 0;
  return candidate.occurredAt > current.occurredAt;
}

function groupLegs(events: readonly LegEvent[]): Map<string, Leg> {
  const legs = new Map<string, Leg>();
  for (const event of events) {
    const leg = legs.get(event.callSid);
    if (!leg) {
      legs.set(event.callSid, {
        furthest: event,
        inProgress: event.status === 'in-progress' ? event : undefined,
        terminal: isTerminal(event.status) ? event : undefined,
      });
      continue;
    }
    if (isFurther(event, leg.furthest)) leg.furthest = event;
    if (event.status === 'in-progress') leg.inProgress = event;
    if (isTerminal(event.status) && (!leg.terminal || isFurther(event, leg.terminal))) leg.terminal = event;
  }
  return legs;
}

/** When a dialled leg was answered: its in-progress callback, else completed minus talk time. */
function answeredAt(leg: Leg): number | null {
  if (leg.inProgress) return leg.inProgress.occurredAt;
  if (leg.terminal?.status === 'completed') {
    return leg.terminal.occurredAt - (leg.terminal.durationSeconds ?? 0) * 1000;
  }
  return null;
}

export function projectCall(
  direction: CallDirection,
  parentSid: string,
  events: readonly LegEvent[],
): CallProjection {
  const legs = groupLegs(events);
  const parent = legs.get(parentSid);
  // The dialled legs (a <Number>, or an agent's <Client>) decide the outcome: the parent leg
  // "completes" whether or not anyone answered.
  const children = [...legs.entries()].filter(([sid]) => sid !== parentSid).map(([, leg]) => leg);
  const answered = children
    .map((leg) => ({ leg, at: answeredAt(leg) }))
    .filter((entry): entry is { leg: Leg; at: number } => entry.at !== null)
    .sort((a, b) => a.at - b.at)[0];

  const ended =
    parent?.terminal !== undefined ||
    answered?.leg.terminal !== undefined ||
    (direction === 'outbound' && children.length > 0 && children.every((leg) => leg.terminal));

  const terminalTimes = [...legs.values()].flatMap((leg) => (leg.terminal ? [leg.terminal.occurredAt] : []));
  const endedAt = ended && terminalTimes.length > 0 ? Math.max(...terminalTimes) : null;

  let status: CallStatus;
  if (ended) status = 'completed';
  else if (answered) status = 'in-progress';
  else if (children.some((leg) => RANK[leg.furthest.status] >= RANK.ringing)) status = 'ringing';
  else status = 'initiated';

  return {
    status,
    outcome: ended ? outcomeOf(direction, parent, children, answered !== undefined) : null,
    answeredAt: answered?.at ?? null,
    endedAt,
    durationSeconds: ended ? talkTime(answered, endedAt) : null,
    answeredBy: answered?.leg.furthest.to ?? null,
  };
}

function outcomeOf(
  direction: CallDirection,
  parent: Leg | undefined,
  children: readonly Leg[],
  wasAnswered: boolean,
): CallProjection['outcome'] {
  if (wasAnswered) return 'answered';
  const childOutcomes = new Set(
    children.flatMap((leg) => (leg.terminal ? [OUTCOME_OF_TERMINAL[leg.terminal.status]] : [])),
  );
  const fromChildren = UNANSWERED_PRIORITY.find((outcome) => childOutcomes.has(outcome));
  if (fromChildren) return fromChildren;
  // Nothing dialled reported an end: an inbound call nobody took is missed; an outbound call
  // ended by the browser leg before the dialled leg said anything was given up.
  if (direction === 'inbound') return 'no_answer';
  const parentStatus = parent?.terminal?.status;
  return (parentStatus && OUTCOME_OF_TERMINAL[parentStatus]) ?? 'canceled';
}

function talkTime(answered: { leg: Leg; at: number } | undefined, endedAt: number | null): number {
  if (!answered) return 0;
  const reported = answered.leg.terminal?.durationSeconds;
  if (reported !== null && reported !== undefined) return reported;
  return endedAt === null ? 0 : Math.max(0, Math.round((endedAt - answered.at) / 1000));
}
