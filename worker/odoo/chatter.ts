/** Writing to a record's chatter and activities as the service account (notes/odoo.md). */
import { OdooResponseError } from './client';
import type { CallRecordRef } from './records';
import type { OdooCall } from './service-account';

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/**
 * An internal note (`mail.mt_note`), authored by the agent's contact when there is one (Odoo
 * otherwise names the service account). The HTML is ours, every value escaped.
 */
export async function postNote(
  odoo: OdooCall,
  record: CallRecordRef,
  body: string,
  authorPartnerId: number | null,
): Promise<number> {
  const result = await odoo(record.model, 'message_post', [[record.id]], {
    body,
    body_is_html: true,
    message_type: 'comment',
    subtype_xmlid: 'mail.mt_note',
    ...(authorPartnerId ? { author_id: authorPartnerId } : {}),
  });
  if (!isId(result)) throw new OdooResponseError('Odoo answered message_post without a message id.');
  return result;
}

/** Messages on the record whose body mentions this call's markers: body by id. */
export async function messagesMentioning(
  odoo: OdooCall,
  record: CallRecordRef,
  text: string,
): Promise<{ id: number; body: string }[]> {
  const result = await odoo(
    'mail.message',
    'search_read',
    [
      [
        ['model', '=', record.model],
        ['res_id', '=', record.id],
        ['body', 'ilike', text],
      ],
    ],
    { fields: ['body'] },
  );
  if (!Array.isArray(result))
    throw new OdooResponseError('Odoo answered the message search with something unexpected.');
  return result.flatMap((row: { id?: unknown; body?: unknown }) =>
    isId(row.id) && typeof row.body === 'string' ? [{ id: row.id, body: row.body }] : [],
  );
}

/**
 * The agent's "Call" activity on the record due on `today` (their date) or before, the oldest
 * first; null when there is none.
 */
export async function dueCallActivity(
  odoo: OdooCall,
  record: CallRecordRef,
  agentUid: number,
  today: string,
): Promise<number | null> {
  const result = await odoo(
    'mail.activity',
    'search_read',
    [
      [
        ['res_model', '=', record.model],
        ['res_id', '=', record.id],
        ['activity_type_id.category', '=', 'phonecall'],
        ['user_id', '=', agentUid],
        ['date_deadline', '<=', today],
      ],
    ],
    { fields: ['id'], order: 'date_deadline asc, id asc', limit: 1 },
  );
  const id = Array.isArray(result) ? (result[0] as { id?: unknown } | undefined)?.id : undefined;
  return isId(id) ? id : null;
}

/**
 * Marks the activity done with this feedback, as Odoo's Phone app does; Odoo posts the "Call
 * done" message and answers its id. Null when the activity is already gone (someone marked it
 * done meanwhile): there is nothing left to do.
 */
export async function markActivityDone(
  odoo: OdooCall,
  activityId: number,
  feedback: string,
): Promise<number | null> {
  try {
    const result = await odoo('mail.activity', 'action_feedback', [[activityId]], { feedback });
    return isId(result) ? result : null;
  } catch (error) {
    if (error instanceof OdooResponseError && error.exception === 'odoo.exceptions.MissingError') return null;
    throw error;
  }
}

/** Odoo's "Call" activity type (mail's data): what the Phone app and our follow-ups use. */
export const CALL_ACTIVITY_TYPE = 'mail.mail_activity_data_call';

/** The id in what Odoo answers for new activities: over `/jsonrpc`, the recordset printed. */
function activityIdOf(result: unknown): number | null {
  if (isId(result)) return result;
  if (Array.isArray(result) && result.length === 1 && isId(result[0])) return result[0];
  const printed = typeof result === 'string' ? /^mail\.activity\((\d+),?\)$/.exec(result) : null;
  return printed ? Number(printed[1]) : null;
}

/**
 * Schedules a "Call" activity on the record for the agent, due `date` (`YYYY-MM-DD`), the way
 * Odoo's own code does (`activity_schedule`: Odoo fills in the document's model and the type).
 * Returns its id.
 */
export async function scheduleCallActivity(
  odoo: OdooCall,
  record: CallRecordRef,
  activity: { userId: number; date: string; summary: string; noteHtml: string },
): Promise<number> {
  const result = await odoo(record.model, 'activity_schedule', [[record.id]], {
    act_type_xmlid: CALL_ACTIVITY_TYPE,
    date_deadline: activity.date,
    summary: activity.summary,
    note: activity.noteHtml,
    user_id: activity.userId,
    // The agent asked for it from the popup: no "you have been assigned" notification (Odoo sends
    // one when the creator, here the service account, is not the assignee).
    context: { mail_activity_quick_update: true },
  });
  const id = activityIdOf(result);
  // Odoo took it, but its answer does not say which: the next attempt finds it by its marker.
  if (id === null) throw new OdooResponseError('Odoo answered activity_schedule without an activity.');
  return id;
}

/** An activity on the record whose note carries this marker (one an earlier attempt scheduled). */
export async function activityMentioning(
  odoo: OdooCall,
  record: CallRecordRef,
  marker: string,
): Promise<number | null> {
  const result = await odoo(
    'mail.activity',
    'search_read',
    [
      [
        ['res_model', '=', record.model],
        ['res_id', '=', record.id],
        ['note', 'ilike', marker],
      ],
    ],
    { fields: ['id'], limit: 1 },
  );
  if (!Array.isArray(result))
    throw new OdooResponseError('Odoo answered the activity search with something unexpected.');
  const id = (result[0] as { id?: unknown } | undefined)?.id;
  return isId(id) ? id : null;
}

/** `YYYY-MM-DD` in this time zone (UTC if unknown): the agent's "today" for activities. */
export function dateIn(at: number, timeZone: string | null): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  try {
    return format(timeZone ?? 'UTC');
  } catch {
    return format('UTC');
  }
}
