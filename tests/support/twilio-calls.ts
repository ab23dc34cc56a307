/**
 * Twilio's side of a call, as data: the status callbacks it sends for a call that ends now. Pure
 * (no I/O), shared by the worker tests in workerd and by the tests and benchmarks that drive a
 * worker under `wrangler dev`.
 */

/** A fresh CallSid (CA + 32 hex digits). */
export function newCallSid(): string {
  return `CA${crypto.randomUUID().replaceAll('-', '')}`;
}

export interface TestCall {
  /** The call in the worker: the parent CallSid. */
  sid: string;
  /** The dialled leg (outbound) or the agent's leg (inbound). */
  leg: string;
  /** That leg's `To`: the number dialled, or `client:odoo_<uid>`. */
  to: string;
}

export type CallEnd = 'answered' | 'no-answer' | 'busy';

/**
 * Twilio's callbacks for a call that ends now (their `Timestamp`s say so), in order; a test may
 * deliver them in any order, as often as it likes.
 */
export function callbacks(
  call: TestCall,
  outcome: CallEnd,
  talkSeconds = 65,
  accountSid = `AC${'0'.repeat(32)}`,
): Record<string, string>[] {
  const end = outcome === 'answered' ? 10 + talkSeconds : 31;
  const start = Date.now() - end * 1000;
  // RFC 2822 has whole seconds.
  const rfc2822 = (secondsAfterStart: number) => new Date(start + secondsAfterStart * 1000).toUTCString();
  const leg = (status: string, sequence: number, at: number, extra: Record<string, string> = {}) => ({
    AccountSid: accountSid,
    CallSid: call.leg,
    ParentCallSid: call.sid,
    CallStatus: status,
    SequenceNumber: String(sequence),
    Timestamp: rfc2822(at),
    To: call.to,
    ...extra,
  });
  const parent = (at: number) => ({
    AccountSid: accountSid,
    CallSid: call.sid,
    CallStatus: 'completed',
    Timestamp: rfc2822(at),
    CallDuration: String(at),
  });
  if (outcome !== 'answered') {
    return [
      leg('initiated', 0, 1),
      leg('ringing', 1, 2),
      leg(outcome, 2, 30, { CallDuration: '0' }),
      parent(31),
    ];
  }
  return [
    leg('initiated', 0, 1),
    leg('ringing', 1, 2),
    leg('in-progress', 2, 9),
    leg('completed', 3, 9 + talkSeconds, { CallDuration: String(talkSeconds) }),
    parent(10 + talkSeconds),
  ];
}
