/**
 * `execute_kw(db, uid, key, model, method, args, kwargs)` after authentication: finds the model
 * and the method, refuses private ones, splits `context` out of kwargs, takes the record ids
 * from `args[0]` for record methods, binds the rest like Python, runs it. To emulate one more
 * Odoo method, add an entry to METHODS.
 */
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { Mail, type MessagePostArgs } from './mail';
import { Orm, recordsetRepr } from './orm';
import { type BoundArgs, bindArguments, type PythonSignature, pythonRepr } from './python-args';
import type { ModelDef, OdooContext, Row } from './types';

interface Call {
  model: ModelDef;
  uid: number;
  context: OdooContext;
  /** Record methods only: the browsed ids (`args[0]`). */
  ids: number[];
  bound: BoundArgs;
}

interface MethodSpec {
  signature: PythonSignature;
  /** Record methods take ids as `args[0]` (`_call_kw_multi`); model methods do not. */
  onRecords: boolean;
  /** Methods of a mixin exist only on the models that inherit it. */
  appliesTo?: (model: ModelDef) => boolean;
  run(call: Call, services: { orm: Orm; mail: Mail }): unknown;
}

const optional = (name: string, value: unknown = null) => ({ name, default: value });
const isMailThread = (model: ModelDef) => model.mailThread === true;

const METHODS: Record<string, MethodSpec> = {
  search_read: {
    onRecords: false,
    signature: {
      qualname: 'BaseModel.search_read',
      params: [
        optional('domain'),
        optional('fields'),
        optional('offset', 0),
        optional('limit'),
        optional('order'),
      ],
      varKeyword: true,
    },
    run({ model, context, bound }, { orm }) {
      const { domain, fields, offset, limit, order } = bound.values;
      const unexpected = Object.keys(bound.extra).find((name) => name !== 'load');
      if (unexpected)
        throw raise.typeError(`BaseModel._read_format() got an unexpected keyword argument '${unexpected}'`);
      const names = orm.fieldNames(model, fields);
      const rows = orm.search(model, domain ?? [], { offset, limit, order }, context);
      return orm.read(
        model,
        rows,
        names,
        'load' in bound.extra ? bound.extra.load : '_classic_read',
        context,
      );
    },
  },
  search: {
    onRecords: false,
    signature: {
      qualname: 'BaseModel.search',
      params: [{ name: 'domain' }, optional('offset', 0), optional('limit'), optional('order')],
    },
    run({ model, context, bound }, { orm }) {
      const { domain, offset, limit, order } = bound.values;
      return orm.search(model, domain, { offset, limit, order }, context).map((row) => row.id);
    },
  },
  search_count: {
    onRecords: false,
    signature: { qualname: 'BaseModel.search_count', params: [{ name: 'domain' }, optional('limit')] },
    run({ model, context, bound }, { orm }) {
      return orm.search(model, bound.values.domain, { limit: bound.values.limit }, context).length;
    },
  },
  read: {
    onRecords: true,
    signature: {
      qualname: 'BaseModel.read',
      params: [optional('fields'), optional('load', '_classic_read')],
    },
    run({ model, ids, context, bound }, { orm }) {
      const names = orm.fieldNames(model, bound.values.fields);
      return orm.read(model, orm.existing(model, ids), names, bound.values.load, context);
    },
  },
  fields_get: {
    onRecords: false,
    signature: { qualname: 'BaseModel.fields_get', params: [optional('allfields'), optional('attributes')] },
    run({ model, bound }, { orm }) {
      return orm.fieldsGet(model, bound.values.allfields, bound.values.attributes);
    },
  },
  write: {
    onRecords: true,
    signature: { qualname: 'BaseModel.write', params: [{ name: 'vals' }] },
    run({ model, ids, uid, bound }, { orm }) {
      return orm.write(model, ids, bound.values.vals, uid);
    },
  },
  message_post: {
    onRecords: true,
    appliesTo: isMailThread,
    signature: {
      qualname: 'MailThread.message_post',
      params: [],
      keywordOnly: [
        optional('body', ''),
        optional('subject'),
        optional('message_type', 'notification'),
        optional('email_from'),
        optional('author_id'),
        optional('parent_id', false),
        optional('subtype_xmlid'),
        optional('subtype_id', false),
        optional('partner_ids'),
        optional('attachments'),
        optional('attachment_ids'),
        optional('body_is_html', false),
      ],
      varKeyword: true,
    },
    run({ model, ids, uid, bound }, { orm, mail }) {
      const [record] = orm.require(model, ensureOne(model, ids), uid) as [Row];
      return mail.messagePost(model, record, bound.values as unknown as MessagePostArgs, bound.extra, uid);
    },
  },
  activity_schedule: {
    onRecords: true,
    appliesTo: isMailThread,
    signature: {
      qualname: 'MailActivityMixin.activity_schedule',
      params: [
        optional('act_type_xmlid', ''),
        optional('date_deadline'),
        optional('summary', ''),
        optional('note', ''),
      ],
      varKeyword: true,
    },
    run({ model, ids, uid, bound }, { orm, mail }) {
      const records = orm.require(model, ids, uid);
      const { act_type_xmlid, date_deadline, summary, note } = bound.values;
      return mail.activitySchedule(
        model,
        records,
        { act_type_xmlid, date_deadline, summary, note },
        bound.extra,
        uid,
      );
    },
  },
  action_feedback: {
    onRecords: true,
    appliesTo: (model) => model.name === 'mail.activity',
    signature: {
      qualname: 'MailActivity.action_feedback',
      params: [optional('feedback', false), optional('attachment_ids')],
    },
    run({ model, ids, uid, bound }, { orm, mail }) {
      return mail.actionFeedback(orm.require(model, ids, uid), bound.values.feedback, uid);
    },
  },
  action_done: {
    onRecords: true,
    appliesTo: (model) => model.name === 'mail.activity',
    signature: { qualname: 'MailActivity.action_done', params: [] },
    run({ model, ids, uid }, { orm, mail }) {
      return mail.actionFeedback(orm.require(model, ids, uid), false, uid);
    },
  },
};

/**
 * Real Odoo methods the stand-in does not emulate: calling one says so instead of pretending
 * it does not exist.
 */
const NOT_EMULATED = new Set([
  'create',
  'unlink',
  'copy',
  'name_search',
  'name_create',
  'read_group',
  'web_search_read',
  'web_read',
  'default_get',
  'check_access_rights',
  'exists',
  'message_subscribe',
  'message_notify',
  'message_post_with_source',
  'action_archive',
  'action_unarchive',
  'action_set_won',
  'action_set_lost',
  'check_object_reference',
]);

function ensureOne(model: ModelDef, ids: number[]): number[] {
  if (ids.length !== 1) throw raise.valueError(`Expected singleton: ${recordsetRepr(model.name, ids)}`);
  return ids;
}

function toIds(value: unknown): number[] {
  if (value === false || value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((id) => typeof id === 'number' && Number.isInteger(id))) {
    throw raise.typeError(`Invalid ids ${pythonRepr(value)}: expected a list of integers`);
  }
  return list as number[];
}

function toContext(value: unknown): OdooContext {
  if (value === undefined || value === null || value === false) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw raise.typeError(`context must be a dict, not ${pythonRepr(value)}`);
  }
  return value as OdooContext;
}

export class ModelMethods {
  private readonly orm: Orm;
  private readonly mail: Mail;

  constructor(private readonly database: OdooDatabase) {
    this.orm = new Orm(database);
    this.mail = new Mail(database, this.orm);
  }

  /** `odoo.service.model.execute` + `odoo.api.call_kw`. */
  call(
    uid: number,
    modelName: unknown,
    method: unknown,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): unknown {
    if (typeof method !== 'string')
      throw raise.typeError(`method name must be a string, not ${pythonRepr(method)}`);
    if (method.startsWith('_')) {
      throw raise.accessError(`Private methods (such as ${method}) cannot be called remotely.`);
    }
    const model = typeof modelName === 'string' ? this.database.model(modelName) : undefined;
    if (!model) throw raise.userError(`Object ${String(modelName)} doesn't exist`);

    const spec = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
    if (!spec || (spec.appliesTo && !spec.appliesTo(model))) {
      if (NOT_EMULATED.has(method)) {
        throw raise.notImplemented(
          `odoo-standin does not emulate ${model.name}.${method}() (see methods.ts)`,
        );
      }
      throw raise.attributeError(`The method '${method}' does not exist on the model '${model.name}'`);
    }
    const { context: rawContext, ...rest } = kwargs;
    const context = toContext(rawContext);
    let ids: number[] = [];
    let positional = args;
    if (spec.onRecords) {
      if (args.length === 0) throw raise.indexError('list index out of range');
      ids = toIds(args[0]);
      positional = args.slice(1);
    }
    const bound = bindArguments(spec.signature, positional, rest);
    return spec.run({ model, uid, context, ids, bound }, { orm: this.orm, mail: this.mail });
  }

  /** The ORM, for the stand-in's own read helpers (same rendering as over RPC). */
  get records(): Orm {
    return this.orm;
  }
}
