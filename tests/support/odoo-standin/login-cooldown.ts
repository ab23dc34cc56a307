/**
 * Odoo 17's login cooldown (`res.users._assert_can_auth` and `_on_login_cooldown`): failed
 * authentications are counted per source address; a success from that address clears its count;
 * with `after` (5) or more failures, the last one less than `seconds` (60) ago, every
 * authentication from that address is refused *before* its credentials are checked, with
 * AccessDenied("Too many login failures, please wait a bit before trying again."). A refusal is
 * not a failure: it does not count. `after: 0` turns it off (`base.login_cooldown_after`).
 *
 * Odoo keeps the counts in the memory of each worker process and caches the credentials that
 * passed (`res.users.check` is ormcached): the stand-in has one process and no cache, so every
 * `execute_kw` goes through here. That is the worst case for a client: a real Odoo may let a
 * cached key through during a cooldown, the stand-in never does.
 */
import { PythonException, raise } from './errors';

export const COOLDOWN_MESSAGE = 'Too many login failures, please wait a bit before trying again.';

export interface LoginCooldownOptions {
  /** Failures before the cooldown (`base.login_cooldown_after`); 0 disables it. Default 5. */
  after?: number;
  /** How long after the last failure the address stays refused (`base.login_cooldown_duration`). Default 60. */
  seconds?: number;
  clock: () => Date;
}

export interface LoginCooldownState {
  /** The source address, as Odoo sees it (`request.httprequest.remote_addr`). */
  address: string;
  /** Failures since the last success from this address. */
  failures: number;
  /** When the last of them happened (ISO 8601), or null. */
  lastFailureAt: string | null;
  /** Whether authentications from this address are refused right now. */
  coolingDown: boolean;
  /** Until when (ISO 8601) they are, or null when they are not. */
  until: string | null;
}

/** What an authentication did to its address's count: added a failure, or was refused outright. */
export type CooldownMark = 'counted' | 'refused';

interface Failures {
  count: number;
  last: Date;
}

export class LoginCooldown {
  readonly after: number;
  readonly seconds: number;
  private readonly clock: () => Date;
  private readonly failures = new Map<string, Failures>();

  constructor(options: LoginCooldownOptions) {
    this.after = nonNegativeInteger('loginCooldownAfter', options.after ?? 5);
    this.seconds = nonNegativeInteger('loginCooldownSeconds', options.seconds ?? 60);
    this.clock = options.clock;
  }

  /**
   * Runs one authentication from `address` as `_assert_can_auth` wraps it: refused while the
   * address cools down, counted when it raises AccessDenied, clearing the count when it passes.
   * `mark` hears what happened to the count (for the call log).
   */
  guard<T>(address: string, authenticate: () => T, mark?: (what: CooldownMark) => void): T {
    if (this.coolingDown(this.failures.get(address))) {
      mark?.('refused');
      throw raise.accessDenied(COOLDOWN_MESSAGE);
    }
    let result: T;
    try {
      result = authenticate();
    } catch (error) {
      if (error instanceof PythonException && error.pythonName === 'odoo.exceptions.AccessDenied') {
        const count = (this.failures.get(address)?.count ?? 0) + 1;
        this.failures.set(address, { count, last: this.clock() });
        mark?.('counted');
      }
      throw error;
    }
    this.failures.delete(address);
    return result;
  }

  state(address: string): LoginCooldownState {
    const failures = this.failures.get(address);
    const coolingDown = this.coolingDown(failures);
    return {
      address,
      failures: failures?.count ?? 0,
      lastFailureAt: failures ? failures.last.toISOString() : null,
      coolingDown,
      until:
        coolingDown && failures
          ? new Date(failures.last.getTime() + this.seconds * 1000).toISOString()
          : null,
    };
  }

  /** Every address with failures on record. */
  states(): LoginCooldownState[] {
    return [...this.failures.keys()].map((address) => this.state(address));
  }

  /** Forgets every count (Odoo: a restart). */
  clear(): void {
    this.failures.clear();
  }

  /** `_on_login_cooldown(failures, previous)`. */
  private coolingDown(failures: Failures | undefined): boolean {
    if (this.after === 0 || !failures) return false;
    const sinceLast = this.clock().getTime() - failures.last.getTime();
    return failures.count >= this.after && sinceLast < this.seconds * 1000;
  }
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`odoo-standin: ${name} must be a non-negative integer, not ${value}`);
  }
  return value;
}
