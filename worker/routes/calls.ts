import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { type CallsResponse, DISPOSITIONS, type WrapUpResponse } from '../../shared/api';
import { CALL_SID_PATTERN } from '../../shared/call-sid';
import { isCalendarDate } from '../../shared/follow-up-dates';
import type { AppEnv } from '../app-env';
import { followUpDateProblem, knownZone } from '../calls/follow-up-date';
import { findAgent } from '../db/agents';
import { agentHistory, callSummary } from '../db/call-history';
import { bringForward } from '../db/call-log';
import { findCall } from '../db/calls';
import { hit, type LimitRule } from '../db/rate-limits';
import { saveWrapUp } from '../db/wrap-ups';
import { ApiError } from '../http-error';
import { requireSettings } from '../middleware/require-settings';
import { requireSession } from '../middleware/session';
import { dateIn } from '../odoo/chatter';
import { enqueueCalls } from '../sync/queue';
import { jsonBody } from '../validation';

/** Longest note an agent may type (Odoo takes far more; a note this long is already a report). */
export const MAX_NOTE_LENGTH = 4000;
// Control characters other than tab and line breaks cannot be stored by Odoo's database (NUL) or
// shown: refused rather than silently changed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Wrap-ups an agent may save: a busy SDR wraps up a call a minute; the outbox retrying a save
 * sends it again. More than this in ten minutes is a script, not a person.
 */
export const WRAP_UPS_PER_AGENT: LimitRule = {
  limit: 60,
  windowMs: 10 * 60_000,
  blockMs: 10 * 60_000,
  maxBlockMs: 10 * 60_000,
};

const typedText = () =>
  z.string().check(
    z.maxLength(MAX_NOTE_LENGTH),
    z.refine((note) => !CONTROL_CHARACTERS.test(note)),
  );

const wrapUpRequest = z.object({
  disposition: z.enum(DISPOSITIONS),
  note: z.optional(typedText()),
  followUp: z.optional(
    z.object({
      // A day that exists; whether it is not past, and not too far, depends on the agent's zone.
      date: z.string().check(z.refine(isCalendarDate)),
      note: z.optional(typedText()),
    }),
  ),
});

/** Refuses (400) a call-back day before the agent's today or more than a year after it. */
async function checkFollowUpDate(db: D1Database, uid: number, date: string, now: number): Promise<void> {
  const zone = knownZone((await findAgent(db, uid))?.tz);
  const today = dateIn(now, zone);
  const problem = followUpDateProblem(date, today, zone);
  if (problem) {
    throw new ApiError(400, 'bad_request', problem.message, {
      details: [{ field: 'followUp.date', problem: problem.problem }],
    });
  }
}

/**
 * `GET /calls` (Bearer): the agent's recent calls and where each one's Odoo note stands.
 * `POST /calls/:callSid/wrap-up` (Bearer) `{disposition, note, followUp?}`: the agent's outcome
 * and note for one of their calls (the parent CallSid or their own leg's); it goes into the
 * call's note, or after it on the same record when the note is already written. A `followUp`
 * (a day, today or later in the agent's time zone) schedules a "Call" activity there for the
 * agent (sync/log-call.ts). One wrap-up per call reaches Odoo (db/wrap-ups.ts): a different one
 * once it is there is a 409; the same one twice changes nothing. Rate-limited per agent.
 */
export const calls = new Hono<AppEnv>()
  .use(requireSettings('SESSION_SECRET'), requireSession())
  .get('/', async (c) => {
    const body: CallsResponse = {
      calls: await agentHistory(c.env.DB, c.var.agent.uid, c.env.ODOO_URL?.trim()),
    };
    return c.json(body);
  })
  .post('/:callSid/wrap-up', jsonBody(wrapUpRequest), async (c) => {
    const sid = c.req.param('callSid');
    const call = CALL_SID_PATTERN.test(sid) ? await findCall(c.env.DB, sid) : null;
    if (!call) throw new ApiError(404, 'not_found', 'No such call.');
    if (call.agent_uid !== c.var.agent.uid) {
      throw new ApiError(403, 'forbidden', 'Only the agent who took this call can wrap it up.');
    }
    c.var.logFields.callSid = call.sid;
    const { disposition, note = '', followUp } = c.req.valid('json');
    const now = Date.now();
    if (followUp) await checkFollowUpDate(c.env.DB, call.agent_uid, followUp.date, now);
    const allowed = await hit(c.env.DB, `wrap-up:${call.agent_uid}`, WRAP_UPS_PER_AGENT, now);
    if (!allowed.allowed) {
      throw new ApiError(429, 'rate_limited', 'Too many wrap-ups in a short time. Wait and try again.', {
        headers: { 'Retry-After': String(allowed.retryAfterSeconds) },
        details: { retryAfterSeconds: allowed.retryAfterSeconds },
      });
    }
    const saved = await saveWrapUp(
      c.env.DB,
      { callSid: call.sid, disposition, note, agentUid: call.agent_uid, followUp },
      now,
    );
    if (saved === 'locked') {
      throw new ApiError(
        409,
        'conflict',
        'This call’s outcome and note are in Odoo already: change the note there.',
      );
    }
    if (saved === 'saved') {
      // Nothing to wait for any more: the note (or its follow-up) is due now.
      if ((await bringForward(c.env.DB, call.sid, now, false)) === 'pending')
        await enqueueCalls(c.env, [call.sid]);
    }
    const body: WrapUpResponse | null = await callSummary(c.env.DB, call.sid, c.env.ODOO_URL?.trim());
    return c.json(body);
  });
