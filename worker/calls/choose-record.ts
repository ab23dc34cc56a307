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
import { agentAccount } from '../odoo/agent-account';
import { type CallToMatch, findRecordForCall, type RecordMatch } from '../odoo/match';
import { serviceAccount } from '../odoo/service-account';

export type RecordChoice =
  | { kind: 'chosen'; match: RecordMatch | null }
  /** The agent has no session left: nothing can say what they may read. */
  | { kind: 'no_credential' };

export async function chooseRecord(
  env: Env,
  call: CallToMatch & { agent_uid: number | null },
  now: number,
): Promise<RecordChoice> {
  if (call.agent_uid === null)
    return { kind: 'chosen', match: await findRecordForCall(serviceAccount(env), call) };
  const asAgent = await agentAccount(env, call.agent_uid, now);
  if (!asAgent) return { kind: 'no_credential' };
  return { kind: 'chosen', match: await findRecordForCall(asAgent, call) };
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
