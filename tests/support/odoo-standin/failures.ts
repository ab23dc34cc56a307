/**
 * Failure injection, so tests can prove the worker recovers. One mode at a time:
 * - `down`: `drop` closes each connection without an answer (the call does not run);
 *   `refuse` stops listening altogether (connection refused) until recovered;
 * - `slow`: waits `delayMs`, then runs the call and answers. Like a real slow Odoo, the call
 *   still runs and commits when the client has given up;
 * - `http-error`: answers an HTTP error page (500 by default, 502/503 like a proxy);
 * - `odoo-error`: answers an Odoo error object (AccessError by default), nothing runs;
 * - `lose-response`: runs the call, then closes the connection without answering (the classic
 *   cause of duplicates: the write happened, the client cannot know).
 * Any mode can be limited to some calls (`only: {methods, models, services}`), to the next
 * `times` matching calls, or to `forMs` milliseconds; it then clears itself.
 */
import { z } from 'zod';
import { ODOO_EXCEPTIONS } from './errors';
import { Listeners } from './listeners';

const scope = {
  /** Only calls whose service, model and method are in these lists (JSON-RPC calls only). */
  only: z
    .strictObject({
      services: z.array(z.string()).min(1).optional(),
      models: z.array(z.string()).min(1).optional(),
      methods: z.array(z.string()).min(1).optional(),
    })
    .optional(),
  /** Only the next N matching calls. */
  times: z.number().int().positive().optional(),
  /** Clears itself after this many milliseconds (an outage "for a while"). */
  forMs: z.number().int().positive().optional(),
};

export const failureModeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('down'), how: z.enum(['drop', 'refuse']).default('drop'), ...scope }),
    z.strictObject({ kind: z.literal('slow'), delayMs: z.number().int().min(1).max(600_000), ...scope }),
    z.strictObject({
      kind: z.literal('http-error'),
      status: z.number().int().min(400).max(599).default(500),
      ...scope,
    }),
    z.strictObject({
      kind: z.literal('odoo-error'),
      exception: z.enum(ODOO_EXCEPTIONS).default('AccessError'),
      message: z.string().min(1).optional(),
      ...scope,
    }),
    z.strictObject({ kind: z.literal('lose-response'), ...scope }),
  ])
  .refine((mode) => !(mode.kind === 'down' && mode.how === 'refuse' && (mode.only || mode.times)), {
    message: "down with how 'refuse' closes the port for everyone: it cannot take 'only' or 'times'",
  });

/** What `fail()` and `POST /__standin/fail` accept. */
export type FailureMode = z.input<typeof failureModeSchema>;
/** A mode with its defaults filled in. */
export type ResolvedFailureMode = z.output<typeof failureModeSchema>;
export type FailureKind = ResolvedFailureMode['kind'];

export interface ActiveFailure {
  mode: ResolvedFailureMode;
  since: string;
  /** Matching calls left before it clears itself (`times`). */
  remaining?: number;
  /** When it clears itself (`forMs`), ISO 8601. */
  until?: string;
}

/** What a request is, for `only`: a JSON-RPC call, or any other route (`null`). */
export interface CallTarget {
  service?: string;
  model?: string;
  method?: string;
}

function matches(mode: ResolvedFailureMode, target: CallTarget | null): boolean {
  if (!mode.only) return true;
  if (!target) return false;
  const { services, models, methods } = mode.only;
  return (
    (!services || services.includes(target.service ?? '')) &&
    (!models || models.includes(target.model ?? '')) &&
    (!methods || methods.includes(target.method ?? ''))
  );
}

export class FailureInjector {
  private active: ActiveFailure | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly events = new Listeners<ActiveFailure | null>();

  /** Validates and sets a mode (replacing any other). Throws a ZodError on a bad mode. */
  set(input: unknown): ActiveFailure {
    const mode = failureModeSchema.parse(input);
    this.stopTimer();
    const since = new Date();
    this.active = {
      mode,
      since: since.toISOString(),
      ...(mode.times ? { remaining: mode.times } : {}),
      ...(mode.forMs ? { until: new Date(since.getTime() + mode.forMs).toISOString() } : {}),
    };
    if (mode.forMs) {
      this.timer = setTimeout(() => this.clear(), mode.forMs);
      // In Node, do not keep the process alive for it (workerd timers have no unref).
      (this.timer as { unref?: () => void }).unref?.();
    }
    this.events.emit(this.active);
    return this.active;
  }

  clear(): void {
    this.stopTimer();
    if (this.active === null) return;
    this.active = null;
    this.events.emit(null);
  }

  current(): ActiveFailure | null {
    return this.active;
  }

  /**
   * The failure to apply to this request (counting it against `times`), or null. `kinds`: the
   * kinds that make sense for it (an Odoo error object only for JSON-RPC).
   */
  take(target: CallTarget | null, kinds?: readonly FailureKind[]): ResolvedFailureMode | null {
    const active = this.active;
    if (!active || !matches(active.mode, target)) return null;
    if (kinds && !kinds.includes(active.mode.kind)) return null;
    if (active.remaining !== undefined) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.clear();
    }
    return active.mode;
  }

  onChange(listener: (failure: ActiveFailure | null) => void): () => void {
    return this.events.add(listener);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
