/**
 * The Odoo record a call is logged on, chosen once and kept (issue 12). A call with an agent is
 * matched *as that agent* (odoo/agent-account.ts): the record they clicked only if they may read
 * it, else one with the number among the records they can see, else none. A missed inbound call
 * (no agent) is matched by the service account, as the company's.
 *
 * The choice is made as early as it can be, while the agent is certainly signed in: in the
 * background of the call's first TwiML request (outbound) or of the callback that says who
 * answered (inbound). The Odoo sync makes it if that did not work (Odoo down then).
 */
import type { Env } from '../env';
import { describeError, writeLog } from '../log';
import { AgentCredentialRefused, agentAccount } from '../odoo/agent-account';
import { type CallToMatch, findRecordForCall, type RecordMatch } from '../odoo/match';
import type { CallRecordModel, CallRecordRef } from '../odoo/records';
import { serviceAccount } from '../odoo/service-account';

export type RecordChoice =
  | { kind: 'chosen'; match: RecordMatch | null }
  /** The agent has no session left: nothing can say what they may read. */
  | { kind: 'no_credential' };

/** Credentials of one agent tried before giving up: each refused one is dropped (two browsers). */
const CREDENTIALS_TRIED = 3;

export async function chooseRecord(
  env: Env,
  call: CallToMatch & { agent_uid: number | null },
  now: number,
): Promise<RecordChoice> {
  if (call.agent_uid === null)
    return { kind: 'chosen', match: await findRecordForCall(serviceAccount(env), call) };
  for (let tried = 0; tried < CREDENTIALS_TRIED; tried += 1) {
    const asAgent = await agentAccount(env, call.agent_uid, now);
    if (!asAgent) break;
    try {
      return { kind: 'chosen', match: await findRecordForCall(asAgent, call) };
    } catch (error) {
      // That credential is dropped now: the agent's next session's, if any, is asked instead.
      if (!(error instanceof AgentCredentialRefused)) throw error;
    }
  }
  return { kind: 'no_credential' };
}

/** Why a call with an agent is left unmatched when nothing can say what they may read. */
export const NO_CREDENTIAL_REASON =
  'The agent’s session ended before the call’s record could be checked with their Odoo rights: not logged, so nothing is written where they may not read.';

/** What the Odoo sync logs a call on. */
export type RecordToLog =
  | { kind: 'record'; record: CallRecordRef; match: RecordMatch | null }
  | { kind: 'none'; reason: string | null };

/**
 * The record the Odoo sync writes the call's note on: the one chosen earlier (kept: retries and
 * follow-ups go to the same record), none if the choice was "none", else chosen now. `match` is
 * set when it was chosen now, for the caller to keep.
 */
export async function recordToLog(
  env: Env,
  call: CallToMatch & {
    agent_uid: number | null;
    odoo_model: CallRecordModel | null;
    odoo_id: number | null;
    record_chosen_at: number | null;
  },
  now: number,
): Promise<RecordToLog> {
  if (call.odoo_model && call.odoo_id)
    return { kind: 'record', record: { model: call.odoo_model, id: call.odoo_id }, match: null };
  if (call.record_chosen_at !== null) return { kind: 'none', reason: null };
  const choice = await chooseRecord(env, call, now);
  if (choice.kind === 'no_credential') return { kind: 'none', reason: NO_CREDENTIAL_REASON };
  if (!choice.match) return { kind: 'none', reason: null };
  return { kind: 'record', record: { model: choice.match.model, id: choice.match.id }, match: choice.match };
}

interface CallToChoose extends CallToMatch {
  agent_uid: number | null;
}

/**
 * Chooses the call's record now, unless it was chosen already or its note is being written.
 * Never throws: a failure leaves the choice to the Odoo sync.
 */
export async function chooseRecordEarly(env: Env, sid: string, now: number = Date.now()): Promise<void> {
  try {
    const call = await env.DB.prepare(
      `SELECT agent_uid, record_model, record_id, matched_number, matched_count, other_number FROM calls
       WHERE sid = ?1 AND record_chosen_at IS NULL AND agent_uid IS NOT NULL AND note_planned_at IS NULL`,
    )
      .bind(sid)
      .first<CallToChoose>();
    if (!call) return;
    const choice = await chooseRecord(env, call, now);
    if (choice.kind !== 'chosen') return;
    const { match } = choice;
    await env.DB.prepare(
      `UPDATE calls SET odoo_model = ?2, odoo_id = ?3, odoo_name = ?4, matched_number = ?5, matched_count = ?6,
                        record_chosen_at = ?7
       WHERE sid = ?1 AND record_chosen_at IS NULL AND note_planned_at IS NULL`,
    )
      .bind(
        sid,
        match?.model ?? null,
        match?.id ?? null,
        match?.name ?? null,
        match?.matchedNumber ?? null,
        match?.matchedCount ?? null,
        Date.now(),
      )
      .run();
  } catch (error) {
    writeLog('warn', 'record_choice_deferred', { callSid: sid, error: describeError(error) });
  }
}
