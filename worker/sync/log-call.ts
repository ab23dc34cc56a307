/**
 * One attempt at writing a call to Odoo, exactly once whatever happens around it:
 * claim the call in D1 → choose the record (and keep it) → fix the note's content → post the
 * note → mark the agent's due "Call" activity done → send follow-ups (a later wrap-up, a later
 * recording) → schedule the call back the wrap-up asked for → logged. Each Odoo write is recorded in D1 (its message id) before the next one
 * starts, so a retry redoes only what is missing. The one gap, "Odoo accepted the message but
 * the worker died before recording its id", is closed by the marker every message carries: an
 * attempt after the first looks for the markers on the record first and adopts what it finds.
 */
import type { CallOutcome } from '../../shared/api';
import { callSetting, companyLanguage } from '../call-settings';
import { recordToLog } from '../calls/choose-record';
import {
  type CallToLog,
  type Claim,
  claimCall,
  claimHeld,
  finishAttempt,
  logState,
  planNote,
  readCallToLog,
  retryLater,
  saveActivity,
  saveFollowUp,
  saveMatch,
  saveNoteId,
  saveRecordingMessage,
  saveWrapUpMessage,
  settle,
  wakeRetries,
} from '../db/call-log';
import type { Env } from '../env';
import { languageOf } from '../language';
import { writeLog } from '../log';
import {
  activityFeedback,
  type CallFacts,
  callNoteHtml,
  followUpActivityNote,
  type MessageKind,
  markerOf,
  markersIn,
  type RecordingFacts,
  recordingFollowUpHtml,
  wrapUpFollowUpHtml,
} from '../odoo/call-note';
import {
  activityMentioning,
  dateIn,
  dueCallActivity,
  markActivityDone,
  messagesMentioning,
  postNote,
  scheduleCallActivity,
} from '../odoo/chatter';
import { NOTE_TEXT } from '../odoo/note-i18n';
import type { CallRecordRef } from '../odoo/records';
import { type OdooCall, serviceAccount } from '../odoo/service-account';
import { AttemptTimeUp, ClaimLost, classifyFailure } from './failure';
import { enqueueCalls } from './queue';

/** After this long, a claim is taken to belong to an attempt that died. */
export const LEASE_MS = 40_000;
/**
 * No Odoo write starts later than this into an attempt: with Odoo's 8 s time limit per request,
 * every write has ended, or been given up, well before the lease lets another attempt begin.
 */
export const WRITE_CUTOFF_MS = 15_000;
/** Back-off stays short while an outage is young (notes go out soon after Odoo returns)… */
const EARLY_MAX_DELAY_S = 60;
/** …then grows, so a long outage costs Odoo little. */
const LATE_MAX_DELAY_S = 600;
const EARLY_WINDOW_MS = 3600_000;
/** A call Odoo could not take for this long is marked failed: someone must look at it. */
export const GIVE_UP_AFTER_MS = 7 * 24 * 3600_000;
/** A message that comes at most this early is retried until the call is due; earlier ones are dropped. */
const EARLY_DELIVERY_S = 60;

export type AttemptResult =
  /** The queue message is done with (logged, unmatched, failed, or nothing to do now). */
  | { kind: 'ack' }
  /** Deliver the message again after this many seconds. */
  | { kind: 'retry'; delaySeconds: number };

function ensure(held: boolean): asserts held {
  if (!held) throw new ClaimLost('Another attempt took this call over.');
}

export function backoffSeconds(env: Env, attempt: number, endedAt: number | null, now: number): number {
  const base = callSetting(env, 'ODOO_RETRY_SECONDS');
  const young = endedAt === null || now - endedAt < EARLY_WINDOW_MS;
  const cap = Math.max(base, young ? EARLY_MAX_DELAY_S : LATE_MAX_DELAY_S);
  return Math.min(cap, base * 2 ** Math.min(attempt - 1, 16));
}

function outcomeOf(call: CallToLog, hasVoicemail: boolean): CallOutcome | 'missed' {
  const outcome = (call.outcome ?? 'failed') as CallOutcome;
  if (outcome === 'answered') return outcome;
  if (hasVoicemail) return 'voicemail';
  // A caller nobody picked up for, whether they gave up ringing or the agents did not answer.
  if (call.direction === 'inbound' && (outcome === 'no_answer' || outcome === 'canceled')) return 'missed';
  return outcome;
}

const recordingFacts = (row: {
  url: string;
  duration_seconds: number | null;
  voicemail: number;
}): RecordingFacts => ({
  url: row.url,
  durationSeconds: row.duration_seconds,
  voicemail: row.voicemail === 1,
});

/** Message ids an earlier attempt may have written without recording them, by marker. */
async function writtenEarlier(
  odoo: OdooCall,
  record: CallRecordRef,
  sid: string,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const message of await messagesMentioning(odoo, record, `c2c:${sid}:`)) {
    for (const marker of markersIn(message.body)) if (!found.has(marker)) found.set(marker, message.id);
  }
  return found;
}

async function runAttempt(env: Env, claim: Claim): Promise<'logged' | 'pending' | 'unmatched'> {
  const db = env.DB;
  const odoo = serviceAccount(env);
  let data = await readCallToLog(db, claim.sid);
  if (!data) throw new ClaimLost('The call is gone.');

  // As the agent sees Odoo (calls/choose-record.ts): never a record they may not read.
  const chosen = await recordToLog(env, data.call, Date.now());
  if (chosen.kind === 'none') {
    ensure(await settle(db, claim, 'unmatched', chosen.reason));
    return 'unmatched';
  }
  // Kept before anything is written: retries and follow-ups go to this same record.
  if (chosen.match) ensure(await saveMatch(db, claim, chosen.match, Date.now()));
  const record: CallRecordRef = chosen.record;
  if (!data.notePlanned) {
    ensure(await planNote(db, claim, Date.now()));
    data = (await readCallToLog(db, claim.sid)) ?? data;
  }
  const { call, wrapUps, recordings } = data;
  const target = record;
  const language = call.agent_uid ? languageOf(call.agent_lang) : companyLanguage(env);
  const earlier =
    claim.attempt > 1 ? await writtenEarlier(odoo, target, claim.sid) : new Map<string, number>();
  /**
   * Adopts the message an earlier attempt wrote, else writes it: if this attempt still holds the
   * call, and has time left to finish the write before its claim could pass to another one.
   */
  const write = async (kind: MessageKind, post: () => Promise<number | null>): Promise<number | null> => {
    const adopted = earlier.get(markerOf(claim.sid, kind));
    if (adopted !== undefined) return adopted;
    if (Date.now() - claim.claimedAt > WRITE_CUTOFF_MS) {
      throw new AttemptTimeUp('The attempt ran out of time.');
    }
    ensure(await claimHeld(db, claim));
    return post();
  };

  const inNote = wrapUps.find((wrapUp) => wrapUp.in_note === 1) ?? null;
  const facts: CallFacts = {
    callSid: call.sid,
    direction: call.direction,
    number: call.other_number,
    agentName: call.agent_name,
    startedAt: call.started_at,
    timeZone: call.agent_tz,
    durationSeconds: call.duration_seconds ?? 0,
    outcome: outcomeOf(
      call,
      recordings.some((recording) => recording.voicemail === 1),
    ),
    match:
      call.matched_number && call.matched_count
        ? { number: call.matched_number, count: call.matched_count, model: target.model }
        : null,
  };
  const author = call.agent_partner_id;

  if (call.note_message_id === null) {
    const body = callNoteHtml(
      facts,
      inNote,
      recordings.filter((recording) => recording.in_note === 1).map(recordingFacts),
      language,
    );
    const id = await write('note', () => postNote(odoo, target, body, author));
    ensure(await saveNoteId(db, claim, id!));
  }

  if (
    facts.outcome === 'answered' &&
    call.agent_uid !== null &&
    call.activity_state !== 'done' &&
    call.activity_state !== 'none'
  ) {
    let activityId = call.activity_id;
    try {
      if (call.activity_state === null) {
        activityId = await dueCallActivity(odoo, target, call.agent_uid, dateIn(Date.now(), call.agent_tz));
        ensure(await saveActivity(db, claim, activityId === null ? 'none' : 'claimed', activityId, null));
      }
      const chosen = activityId;
      if (chosen !== null) {
        const feedback = activityFeedback(facts, inNote, language);
        const messageId = await write('activity', () => markActivityDone(odoo, chosen, feedback));
        ensure(await saveActivity(db, claim, 'done', chosen, messageId));
      }
    } catch (error) {
      // The note is in Odoo: an activity Odoo will never let us close (rights, a validation
      // rule) is left as it is rather than turning the call into a failure.
      const failure = classifyFailure(error);
      if (!failure.permanent || error instanceof ClaimLost) throw error;
      writeLog('warn', 'odoo_activity_left', { callSid: call.sid, errorClass: failure.errorClass });
      ensure(await saveActivity(db, claim, 'none', activityId, null));
    }
  }

  // Follow-ups: the latest wrap-up if the note did not carry it, then recordings that came later.
  const latest = wrapUps.at(-1);
  // The one wrap-up that reaches Odoo (db/wrap-ups.ts): in the note, or sent after it.
  let inOdoo = inNote ?? wrapUps.find((wrapUp) => wrapUp.message_id !== null) ?? null;
  if (latest && latest.in_note === 0 && latest.message_id === null) {
    const body = wrapUpFollowUpHtml(call.sid, latest.seq, latest, language);
    const id = await write(`wrap-up:${latest.seq}`, () => postNote(odoo, target, body, author));
    ensure(await saveWrapUpMessage(db, claim, latest.seq, id!));
    inOdoo = latest;
  }
  for (const recording of recordings) {
    if (recording.in_note === 1 || recording.message_id !== null) continue;
    const body = recordingFollowUpHtml(call.sid, recording.sid, recordingFacts(recording), language);
    const id = await write(`rec:${recording.sid}`, () => postNote(odoo, target, body, author));
    ensure(await saveRecordingMessage(db, claim, recording.sid, id!));
  }

  const followUpDate = inOdoo?.follow_up_date ?? null;
  if (
    followUpDate !== null &&
    call.agent_uid !== null &&
    call.follow_up_state !== 'done' &&
    call.follow_up_state !== 'none'
  ) {
    const agentUid = call.agent_uid;
    const marker = markerOf(claim.sid, 'follow-up');
    try {
      // An attempt that claimed it may have died after Odoo took it: look before writing again.
      let activityId =
        call.follow_up_state === 'claimed' ? await activityMentioning(odoo, target, marker) : null;
      if (activityId === null) {
        ensure(await saveFollowUp(db, claim, 'claimed', null, null));
        if (Date.now() - claim.claimedAt > WRITE_CUTOFF_MS)
          throw new AttemptTimeUp('The attempt ran out of time.');
        ensure(await claimHeld(db, claim));
        activityId = await scheduleCallActivity(odoo, target, {
          userId: agentUid,
          date: followUpDate,
          summary: NOTE_TEXT[language].callBack,
          noteHtml: followUpActivityNote(claim.sid, inOdoo!.follow_up_note),
        });
      }
      ensure(await saveFollowUp(db, claim, 'done', activityId, null));
    } catch (error) {
      // The note is in Odoo: a call back Odoo refuses (rights, a validation rule) is reported
      // on the call rather than turning it into a failure.
      const failure = classifyFailure(error);
      if (!failure.permanent || error instanceof ClaimLost) throw error;
      writeLog('warn', 'odoo_follow_up_refused', { callSid: call.sid, errorClass: failure.errorClass });
      ensure(await saveFollowUp(db, claim, 'none', null, failure.reason));
    }
  }

  const status = await finishAttempt(db, claim, Date.now());
  ensure(status !== null);
  return status === 'pending' ? 'pending' : 'logged';
}

/** What to do with a message for a call this attempt could not claim. */
async function unclaimed(env: Env, sid: string, now: number): Promise<AttemptResult> {
  const state = await logState(env.DB, sid);
  // Due soon: come back then.
  if (state?.log_status === 'pending' && state.log_due_at !== null) {
    const wait = Math.ceil((state.log_due_at - now) / 1000);
    if (wait > 0 && wait <= EARLY_DELIVERY_S) return { kind: 'retry', delaySeconds: wait };
  }
  // Held by an attempt: come back when its lease ends, in case it died (if it finishes, this
  // message finds the call logged and is dropped then).
  if (state?.log_status === 'posting' && state.log_claimed_at !== null) {
    return {
      kind: 'retry',
      delaySeconds: Math.max(1, Math.ceil((state.log_claimed_at + LEASE_MS - now) / 1000)),
    };
  }
  // Not over yet (its end schedules it), not due for long (its own message or the cron will come),
  // or settled: this message is not needed.
  return { kind: 'ack' };
}

/** Tries to write the call to Odoo now. Never throws for Odoo's sake: the result says what next. */
export async function logCall(env: Env, sid: string, now: number = Date.now()): Promise<AttemptResult> {
  const claim = await claimCall(env.DB, sid, now, LEASE_MS);
  if (!claim) return unclaimed(env, sid, now);
  const line = { callSid: sid, attempt: claim.attempt };
  try {
    const status = await runAttempt(env, claim);
    writeLog('info', 'odoo_sync', { ...line, outcome: status, ms: Date.now() - now });
    if (status === 'pending') await enqueueCalls(env, [sid]);
    if (claim.attempt > 1 && status !== 'unmatched') {
      // This call waited out failures and Odoo now answers: wake the others that wait too.
      await enqueueCalls(env, await wakeRetries(env.DB, Date.now(), 200));
    }
    return { kind: 'ack' };
  } catch (error) {
    if (error instanceof ClaimLost) {
      writeLog('warn', 'odoo_sync', { ...line, outcome: 'claim_lost', ms: Date.now() - now });
      return { kind: 'ack' };
    }
    const failure = classifyFailure(error);
    const state = await logState(env.DB, sid);
    const endedAt = state?.ended_at ?? null;
    const tooOld = endedAt !== null && now - endedAt > GIVE_UP_AFTER_MS;
    const fields = { ...line, errorClass: failure.errorClass, ms: Date.now() - now };
    if (failure.permanent || tooOld) {
      const reason =
        tooOld && !failure.permanent
          ? `Odoo could not take the note for 7 days: ${failure.reason}`
          : failure.reason;
      await settle(env.DB, claim, 'failed', reason);
      writeLog('error', 'odoo_sync', { ...fields, outcome: 'failed' });
      return { kind: 'ack' };
    }
    const delaySeconds = backoffSeconds(env, claim.attempt, endedAt, now);
    await retryLater(env.DB, claim, Date.now() + delaySeconds * 1000, failure.reason);
    writeLog('warn', 'odoo_sync', { ...fields, outcome: 'retry', retryInSeconds: delaySeconds });
    return { kind: 'retry', delaySeconds };
  }
}
