/**
 * The chatter and activity methods the worker calls, with Odoo 17's behaviour:
 * - `message_post` (mail.thread): a plain body is escaped, `body_is_html` keeps it; the author
 *   defaults to the calling user's partner; returns the new `mail.message` id;
 * - `activity_schedule` (mail.activity.mixin): creates activities; over RPC Odoo returns the
 *   recordset printed as a string, e.g. `"mail.activity(12,)"`;
 * - `action_feedback` (mail.activity): posts the "<type> done" message on the record, authored by
 *   the calling user, deletes the activity and returns the message id.
 */
import { addDays } from './clock';
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { escapeHtml, htmlFieldValue, plaintextBody } from './html';
import { type Orm, recordsetRepr } from './orm';
import { pythonRepr } from './python-args';
import type { FieldValue, ModelDef, Row } from './types';

/** Resolves `module.name` through `ir.model.data`. */
export function xmlidToResId(database: OdooDatabase, xmlid: string, model?: string): number | undefined {
  const [module, name] = xmlid.split('.', 2);
  const entry = database
    .all('ir.model.data')
    .find((row) => row.module === module && row.name === name && (!model || row.model === model));
  return typeof entry?.res_id === 'number' ? entry.res_id : undefined;
}

function userPartner(database: OdooDatabase, uid: number): number | false {
  const partner = database.get('res.users', uid)?.partner_id;
  return typeof partner === 'number' ? partner : false;
}

function formattedEmail(database: OdooDatabase, partnerId: number | false): string | false {
  const partner = partnerId === false ? undefined : database.get('res.partner', partnerId);
  if (!partner || typeof partner.email !== 'string') return false;
  return `"${partner.name}" <${partner.email}>`;
}

export interface MessagePostArgs {
  body: unknown;
  subject: unknown;
  message_type: unknown;
  email_from: unknown;
  author_id: unknown;
  parent_id: unknown;
  subtype_xmlid: unknown;
  subtype_id: unknown;
  partner_ids: unknown;
  attachments: unknown;
  attachment_ids: unknown;
  body_is_html: unknown;
}

const FORBIDDEN_POST_OPTIONS = new Set(['model', 'res_id', 'subtype']);
const MESSAGE_TYPES = new Set(['email', 'comment', 'email_outgoing', 'notification', 'auto_comment']);

export class Mail {
  constructor(
    private readonly database: OdooDatabase,
    private readonly orm: Orm,
  ) {}

  messagePost(
    model: ModelDef,
    record: Row,
    args: MessagePostArgs,
    extra: Record<string, unknown>,
    uid: number,
  ): number {
    const forbidden = Object.keys(extra).filter((name) => FORBIDDEN_POST_OPTIONS.has(name));
    if (forbidden.length > 0) {
      throw raise.valueError(
        `Those values are not supported as options when posting or notifying: ${forbidden.join(', ')}`,
      );
    }
    const messageModel = this.database.model('mail.message')!;
    const extraValues = this.orm.validateValues(messageModel, extra);

    const messageType = args.message_type ?? 'notification';
    if (messageType === 'user_notification') {
      throw raise.valueError('Use message_notify to send a notification to an user.');
    }
    if (typeof messageType !== 'string' || !MESSAGE_TYPES.has(messageType)) {
      throw raise.valueError(`Wrong value for mail.message.message_type: ${pythonRepr(messageType)}`);
    }
    const subtypeId = this.subtype(args.subtype_xmlid, args.subtype_id);
    const subtype = this.database.get('mail.message.subtype', subtypeId);
    const authorId = this.author(args.author_id, uid);

    const rawBody =
      args.body === null || args.body === undefined || args.body === false ? '' : String(args.body);
    const body = args.body_is_html ? htmlFieldValue(rawBody) : plaintextBody(rawBody);
    const message = this.database.insert(
      'mail.message',
      {
        model: model.name,
        res_id: record.id,
        subject: typeof args.subject === 'string' && args.subject !== '' ? args.subject : false,
        body,
        message_type: messageType,
        subtype_id: subtypeId,
        is_internal: Boolean(subtype?.internal),
        author_id: authorId,
        email_from:
          typeof args.email_from === 'string' ? args.email_from : formattedEmail(this.database, authorId),
        date: this.database.timestamp(),
        mail_activity_type_id: false,
        partner_ids: Array.isArray(args.partner_ids)
          ? args.partner_ids.filter((id) => typeof id === 'number')
          : [],
        ...extraValues,
      },
      uid,
    );
    return message.id;
  }

  private subtype(xmlid: unknown, id: unknown): number {
    if (typeof xmlid === 'string' && xmlid !== '') {
      const resolved = xmlidToResId(this.database, xmlid, 'mail.message.subtype');
      if (resolved === undefined) throw raise.valueError(`External ID not found in the system: ${xmlid}`);
      return resolved;
    }
    if (typeof id === 'number' && id !== 0) {
      if (!this.database.get('mail.message.subtype', id)) throw this.foreignKey('subtype_id');
      return id;
    }
    return xmlidToResId(this.database, 'mail.mt_note')!;
  }

  private author(authorId: unknown, uid: number): number | false {
    if (authorId === null || authorId === undefined || authorId === false)
      return userPartner(this.database, uid);
    if (typeof authorId !== 'number' || !Number.isInteger(authorId)) {
      throw raise.valueError(`Wrong value for mail.message.author_id: ${pythonRepr(authorId)}`);
    }
    if (!this.database.get('res.partner', authorId)) throw this.foreignKey('author_id');
    return authorId;
  }

  private foreignKey(field: string) {
    return raise.validationError(
      'The operation cannot be completed: another model requires the record being deleted. ' +
        `If possible, archive it instead.\n\nModel: Message (mail.message)\nConstraint: mail_message_${field}_fkey\n`,
    );
  }

  /** `activity_schedule` on each record; returns Odoo's string form of the new activities. */
  activitySchedule(
    model: ModelDef,
    records: Row[],
    args: { act_type_xmlid: unknown; date_deadline: unknown; summary: unknown; note: unknown },
    actValues: Record<string, unknown>,
    uid: number,
  ): string {
    const activityModel = this.database.model('mail.activity')!;
    let typeId: number | false = false;
    if (typeof args.act_type_xmlid === 'string' && args.act_type_xmlid !== '') {
      // Odoo looks it up with raise_if_not_found=False: an unknown xmlid gives no type.
      typeId = xmlidToResId(this.database, args.act_type_xmlid, 'mail.activity.type') ?? false;
    } else if (typeof actValues.activity_type_id === 'number') {
      typeId = actValues.activity_type_id;
    }
    const type = typeId === false ? undefined : this.database.get('mail.activity.type', typeId);
    const user = this.database.get('res.users', uid);
    const deadline =
      args.date_deadline === null || args.date_deadline === undefined || args.date_deadline === false
        ? addDays(
            this.database.todayIn(typeof user?.tz === 'string' ? user.tz : false),
            Number(type?.delay_count ?? 0),
          )
        : args.date_deadline;
    const base = this.orm.validateValues(activityModel, {
      activity_type_id: type ? type.id : false,
      summary: typeof args.summary === 'string' && args.summary !== '' ? args.summary : false,
      note: typeof args.note === 'string' && args.note !== '' ? args.note : false,
      date_deadline: deadline,
      automated: true,
      ...actValues,
    });
    if (!base.user_id) base.user_id = uid;
    const created = records.map(
      (record) =>
        this.database.insert(
          'mail.activity',
          { ...base, res_model: model.name, res_id: record.id } as Record<string, FieldValue>,
          uid,
        ).id,
    );
    return recordsetRepr('mail.activity', created);
  }

  /** Marks activities done: one "done" message per activity, then the activity is removed. */
  actionFeedback(activities: Row[], feedback: unknown, uid: number): number | false {
    const messageIds: number[] = [];
    for (const activity of activities) {
      const typeId = typeof activity.activity_type_id === 'number' ? activity.activity_type_id : false;
      const type = typeId === false ? undefined : this.database.get('mail.activity.type', typeId);
      const authorId = userPartner(this.database, uid);
      const message = this.database.insert(
        'mail.message',
        {
          model: String(activity.res_model),
          res_id: Number(activity.res_id),
          subject: false,
          body: this.doneBody(activity, type, feedback, uid),
          message_type: 'notification',
          subtype_id: xmlidToResId(this.database, 'mail.mt_activities')!,
          is_internal: true,
          author_id: authorId,
          email_from: formattedEmail(this.database, authorId),
          date: this.database.timestamp(),
          mail_activity_type_id: typeId,
          partner_ids: [],
        },
        uid,
      );
      messageIds.push(message.id);
      this.database.delete('mail.activity', activity.id);
    }
    return messageIds[0] ?? false;
  }

  /** The `mail.message_activity_done` template. */
  private doneBody(activity: Row, type: Row | undefined, feedback: unknown, uid: number): string {
    const icon = type ? `<span class="fa ${type.icon} fa-fw"></span>` : '';
    const assignee =
      typeof activity.user_id === 'number' && activity.user_id !== uid
        ? ` (originally assigned to ${escapeHtml(this.database.displayName('res.users', activity.user_id, {}))})`
        : '';
    const summary =
      typeof activity.summary === 'string' && activity.summary !== ''
        ? `<span>: </span><span class="o_mail_activity_summary">${escapeHtml(activity.summary)}</span>`
        : '';
    const feedbackBlock =
      typeof feedback === 'string' && feedback !== ''
        ? `<div class="o_mail_activity_feedback"><div class="fw-bold">Feedback:</div>${feedback
            .split('\n')
            .map(escapeHtml)
            .join('<br>')}</div>`
        : '';
    const note =
      typeof activity.note === 'string' && activity.note !== '' && activity.note !== '<p><br></p>'
        ? `<div class="o_mail_note_title fw-bold">Original note:</div><div>${activity.note}</div>`
        : '';
    const typeName = type ? escapeHtml(String(type.name)) : 'Activity';
    return `<div><p>${icon}<span>${typeName}</span> done${assignee}${summary}</p>${feedbackBlock}${note}</div>`;
  }
}
