/**
 * Every JSON-RPC call the stand-in received, in order, with what it answered: tests assert on
 * it ("exactly one message_post", "no call while Odoo was down") and can await a call.
 * Passwords and API keys are never kept.
 */
import type { FailureKind } from './failures';
import { Listeners, waitForEvent } from './listeners';
import type { CooldownMark } from './login-cooldown';

export type CallOutcome =
  /** Answered with `result`. */
  | { kind: 'result'; result: unknown }
  /** Answered with an Odoo error object (`error.data.name`, `error.data.message`). */
  | { kind: 'error'; error: { name: string; message: string } }
  /** The connection was closed without an answer, before the call ran. */
  | { kind: 'dropped' }
  /** Answered with an HTTP error status (injected, or a malformed request: 400). */
  | { kind: 'http-error'; status: number };

export interface OdooCall {
  /** 1, 2, 3… in arrival order (kept across `clearCalls`). */
  seq: number;
  /** When the request arrived (ISO 8601). */
  at: string;
  durationMs: number;
  /** `common`, `object`, `db`; undefined when the envelope was unreadable. */
  service?: string;
  /** What was called: `login`, `version`, or for `execute_kw` the model's method (`message_post`). */
  method?: string;
  /** The service method: `execute_kw`, `execute`, `login`… */
  rpcMethod?: string;
  db?: unknown;
  uid?: unknown;
  /** `common.login`/`authenticate` only. */
  login?: unknown;
  model?: unknown;
  /** The model method's positional args (for `execute_kw`), or the service args without secrets. */
  args: unknown[];
  kwargs: Record<string, unknown>;
  outcome: CallOutcome;
  /** The injected failure that shaped this call, if any. */
  injected?: FailureKind;
  /** `lose-response`: the call ran (and changed data) but its answer was never sent. */
  responseLost?: boolean;
  /** The source address Odoo saw (the socket's; for `core.fetch`, see FETCH_REMOTE_ADDRESS). */
  remoteAddress?: string;
  /**
   * The login cooldown: `counted` when this call's credentials failed (one more failure for its
   * address), `refused` when the address was cooling down and the credentials were not checked.
   */
  cooldown?: CooldownMark;
}

const MAX_CALLS = 10_000;

export class CallLog {
  private entries: OdooCall[] = [];
  private sequence = 0;
  private readonly events = new Listeners<OdooCall>();

  record(call: Omit<OdooCall, 'seq'>): OdooCall {
    this.sequence += 1;
    const entry: OdooCall = { seq: this.sequence, ...call };
    this.entries.push(entry);
    if (this.entries.length > MAX_CALLS) this.entries.splice(0, this.entries.length - MAX_CALLS);
    this.events.emit(entry);
    return entry;
  }

  list(): OdooCall[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  /** The first call (already logged or to come) that matches. */
  waitFor(predicate: (call: OdooCall) => boolean, timeoutMs: number): Promise<OdooCall> {
    const found = this.entries.find(predicate);
    if (found) return Promise.resolve(found);
    return waitForEvent(
      this.events,
      (call) => (predicate(call) ? call : undefined),
      timeoutMs,
      `No matching Odoo call within ${timeoutMs} ms`,
    );
  }
}
