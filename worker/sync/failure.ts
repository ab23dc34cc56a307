/**
 * Why an Odoo write failed, and whether trying again can help. Permanent: Odoo said no for a
 * reason that will not change by itself (rights, a record gone, invalid data, credentials the
 * service account no longer has) → the call is marked failed with the reason and not retried.
 * Transient: Odoo could not be reached, timed out, answered HTTP 5xx or something that is not
 * JSON-RPC, its database was busy, or a setting is missing (an admin is expected to fix it) →
 * retried with back-off.
 */
import { MissingSettingsError } from '../env';
import { describeError } from '../log';
import { OdooResponseError, OdooUnreachableError } from '../odoo/client';
import { ServiceLoginError } from '../odoo/service-account';

export interface SyncFailure {
  permanent: boolean;
  /** Short class for log lines and counts, e.g. `AccessError`, `unreachable`. */
  errorClass: string;
  /** One sentence for the D1 row and the agent's history; never a secret or a traceback. */
  reason: string;
}

/** Another attempt took the call over (this one outlived its claim): stop, record nothing. */
export class ClaimLost extends Error {
  override readonly name = 'ClaimLost';
}

/**
 * The attempt is too far into its claim to start another write to Odoo safely (a write must end
 * before the claim could pass to another attempt): try again shortly.
 */
export class AttemptTimeUp extends Error {
  override readonly name = 'AttemptTimeUp';
}

export function classifyFailure(error: unknown): SyncFailure {
  const reason = error instanceof Error ? error.message.slice(0, 300) : describeError(error);
  if (error instanceof ServiceLoginError) return { permanent: true, errorClass: 'bad_credentials', reason };
  if (error instanceof OdooUnreachableError) return { permanent: false, errorClass: 'unreachable', reason };
  if (error instanceof AttemptTimeUp) return { permanent: false, errorClass: 'time_up', reason };
  if (error instanceof MissingSettingsError)
    return { permanent: false, errorClass: 'not_configured', reason };
  if (error instanceof OdooResponseError) {
    const exception = error.exception;
    // No error object: Odoo (or a proxy in front of it) answered something that is not JSON-RPC.
    if (!exception) return { permanent: false, errorClass: 'bad_answer', reason };
    const errorClass = exception.replace(/^.*\./, '');
    // The database was busy or restarting (serialisation failures, connections): try again.
    if (exception.startsWith('psycopg2.')) return { permanent: false, errorClass, reason };
    // AccessError, AccessDenied, MissingError, ValidationError, UserError, and Python errors
    // (a field this Odoo does not have): the same request would fail the same way.
    return { permanent: true, errorClass, reason };
  }
  return { permanent: false, errorClass: error instanceof Error ? error.name : 'unknown', reason };
}
