import { describe, expect, it } from 'vitest';
import type { CallDirection } from '../../shared/api';
import {
  type CallProjection,
  type LegEvent,
  projectCall,
  type TwilioCallStatus,
} from '../../worker/calls/projection';

const PARENT = `CA${'0'.repeat(30)}01`;
const CHILD = `CA${'0'.repeat(30)}02`;
const OTHER_CHILD = `CA${'0'.repeat(30)}03`;
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);

function event(
  callSid: string,
  status: TwilioCallStatus,
  sequenceNumber: number | null,
  secondsAfterStart: number,
  extra: Partial<LegEvent> = {},
): LegEvent {
  return {
    callSid,
    status,
    sequenceNumber,
    occurredAt: T0 + secondsAfterStart * 1000,
    durationSeconds: null,
    to: null,
    ...extra,
  };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The projection of every delivery order (and of each event delivered twice) is the same. */
function expectOrderIndependent(
  direction: CallDirection,
  events: LegEvent[],
  expected: CallProjection,
): void {
  for (const order of permutations(events)) {
    expect(projectCall(direction, PARENT, order)).toEqual(expected);
  }
  expect(projectCall(direction, PARENT, [...events, ...events])).toEqual(expected);
}

const answeredOutbound = [
  event(CHILD, 'initiated', 0, 1, { to: '+33612345678' }),
  event(CHILD, 'ringing', 1, 2, { to: '+33612345678' }),
  event(CHILD, 'in-progress', 2, 8, { to: '+33612345678' }),
  event(CHILD, 'completed', 3, 50, { to: '+33612345678', durationSeconds: 42 }),
];

describe('call projection', () => {
  it('an answered outbound call: answered, talk time from the dialled leg, in any order', () => {
    expectOrderIndependent('outbound', answeredOutbound, {
      status: 'completed',
      outcome: 'answered',
      answeredAt: T0 + 8000,
      endedAt: T0 + 50_000,
      durationSeconds: 42,
      answeredBy: '+33612345678',
    });
  });

  it('never lets an earlier callback take a call back in time', () => {
    const [initiated, ringing, inProgress] = answeredOutbound;
    expect(projectCall('outbound', PARENT, [inProgress!, ringing!, initiated!]).status).toBe('in-progress');
    expect(projectCall('outbound', PARENT, [ringing!, initiated!]).status).toBe('ringing');
    expect(projectCall('outbound', PARENT, [initiated!]).status).toBe('initiated');
  });

  it('a completed dialled leg whose in-progress callback is lost was still answered', () => {
    const completed = answeredOutbound[3]!;
    expect(projectCall('outbound', PARENT, [completed])).toEqual({
      status: 'completed',
      outcome: 'answered',
      answeredAt: T0 + 8000,
      endedAt: T0 + 50_000,
      durationSeconds: 42,
      answeredBy: '+33612345678',
    });
  });

  it.each([
    ['no-answer', 'no_answer'],
    ['busy', 'busy'],
    ['failed', 'failed'],
    ['canceled', 'canceled'],
  ] as const)(
    'an outbound call whose dialled leg ends %s has outcome %s and no talk time',
    (status, outcome) => {
      expectOrderIndependent(
        'outbound',
        [event(CHILD, 'initiated', 0, 1), event(CHILD, 'ringing', 1, 2), event(CHILD, status, 2, 30)],
        {
          status: 'completed',
          outcome,
          answeredAt: null,
          endedAt: T0 + 30_000,
          durationSeconds: 0,
          answeredBy: null,
        },
      );
    },
  );

  it('the browser leg completing does not make an unanswered call answered', () => {
    expectOrderIndependent(
      'outbound',
      [
        event(CHILD, 'ringing', 1, 2),
        event(CHILD, 'canceled', 2, 9),
        event(PARENT, 'completed', null, 10, { durationSeconds: 10 }),
      ],
      {
        status: 'completed',
        outcome: 'canceled',
        answeredAt: null,
        endedAt: T0 + 10_000,
        durationSeconds: 0,
        answeredBy: null,
      },
    );
  });

  it('an inbound call answered by one of two agents names that agent', () => {
    expectOrderIndependent(
      'inbound',
      [
        event(CHILD, 'ringing', 1, 1, { to: 'client:odoo_7' }),
        event(OTHER_CHILD, 'ringing', 1, 1, { to: 'client:odoo_8' }),
        event(OTHER_CHILD, 'in-progress', 2, 6, { to: 'client:odoo_8' }),
        event(CHILD, 'canceled', 2, 6, { to: 'client:odoo_7' }),
        event(OTHER_CHILD, 'completed', 3, 66, { to: 'client:odoo_8', durationSeconds: 60 }),
      ],
      {
        status: 'completed',
        outcome: 'answered',
        answeredAt: T0 + 6000,
        endedAt: T0 + 66_000,
        durationSeconds: 60,
        answeredBy: 'client:odoo_8',
      },
    );
  });

  it('an inbound call nobody answered is over only when the caller’s leg ends', () => {
    const rangOut = [event(CHILD, 'ringing', 1, 1), event(CHILD, 'no-answer', 2, 31)];
    expect(projectCall('inbound', PARENT, rangOut)).toMatchObject({ status: 'ringing', outcome: null });
    expectOrderIndependent('inbound', [...rangOut, event(PARENT, 'completed', null, 32)], {
      status: 'completed',
      outcome: 'no_answer',
      answeredAt: null,
      endedAt: T0 + 32_000,
      durationSeconds: 0,
      answeredBy: null,
    });
  });

  it('an inbound call with no agent to ring is a missed call', () => {
    expect(projectCall('inbound', PARENT, [event(PARENT, 'completed', null, 5)])).toMatchObject({
      status: 'completed',
      outcome: 'no_answer',
    });
  });

  it('breaks a tie between two terminal statuses of one leg by SequenceNumber', () => {
    const first = event(CHILD, 'no-answer', 2, 30);
    const second = event(CHILD, 'canceled', 3, 29);
    expect(projectCall('outbound', PARENT, [second, first]).outcome).toBe('canceled');
    expect(projectCall('outbound', PARENT, [first, second]).outcome).toBe('canceled');
  });
});
