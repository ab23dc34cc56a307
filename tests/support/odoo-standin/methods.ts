/**
 * `execute_kw(db, uid, key, model, method, args, kwargs)` after authentication: finds the model
 * and the method, refuses private ones, splits `context` out of kwargs, takes the record ids
 * from `args[0]` for record methods, binds the rest like Python, checks the caller's access
 * rights (access.ts), runs it. To emulate one more Odoo method, add an entry to METHODS (or to
 * VERSION_METHODS when Odoo 17 and 18 differ).
 */
import { AccessPolicy, type UserAccess } from './access';
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { Mail, type MessagePostArgs } from './mail';
import { Orm, recordsetRepr } from './orm';
import { type BoundArgs, bindArguments, type PythonSignature, pythonRepr } from './python-args';
import { type Operation, SELF_READABLE_USER_FIELDS } from './security';
import type { ModelDef, OdooContext, OdooVersion, Row } from './types';
import { USER_METHODS } from './user-methods';

export interface Call {
  model: ModelDef;
  uid: number;
  /** What the calling user may read and change. */
  access: UserAccess;
  context: OdooContext;
  /** Record methods only: the browsed ids (`args[0]`). */
  ids: number[];
  bound: BoundArgs;
}

export interface MethodSpec {
  signature: PythonSignature;
  /** Record methods take ids as `args[0]` (`_call_kw_multi`); model methods do not. */
  onRecords: boolean;
  /** Methods of a mixin exist only on the models that inherit it. */
  appliesTo?: (model: ModelDef) => boolean;
  /** The access right (ir.model.access) on the model checked before the method runs. */
  requires?: Operation;
  run(call: Call, services: { orm: Orm; mail: Mail; database: OdooDatabase }): unknown;
}

const optional = (name: string, value: unknown = null) => ({ name, default: value });
const isMailThread = (model: ModelDef) => model.mailThread === true;

const METHODS: Record<string, MethodSpec> = {
  search_read: {
    onRecords: false,
    requires: 'read',
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
    run({ model, access, context, bound }, { orm }) {
      const { domain, fields, offset, limit, order } = bound.values;
      const unexpected = Object.keys(bound.extra).find((name) => name !== 'load');
      if (unexpected)
        throw raise.typeError(`BaseModel._read_format() got an unexpected keyword argument '${unexpected}'`);
      const names = orm.fieldNames(model, fields);
      const visible = access.recordFilter(model, 'read');
      const rows = orm.search(model, domain ?? [], { offset, limit, order }, context, visible);
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
    requires: 'read',
    signature: {
      qualname: 'BaseModel.search',
      params: [{ name: 'domain' }, optional('offset', 0), optional('limit'), optional('order')],
    },
    run({ model, access, context, bound }, { orm }) {
      const { domain, offset, limit, order } = bound.values;
      const visible = access.recordFilter(model, 'read');
      return orm.search(model, domain, { offset, limit, order }, context, visible).map((row) => row.id);
    },
  },
  search_count: {
    onRecords: false,
    requires: 'read',
    signature: { qualname: 'BaseModel.search_count', params: [{ name: 'domain' }, optional('limit')] },
    run({ model, access, context, bound }, { orm }) {
      const visible = access.recordFilter(model, 'read');
      return orm.search(model, bound.values.domain, { limit: bound.values.limit }, context, visible).length;
    },
  },
  read: {
    onRecords: true,
    signature: {
      qualname: 'BaseModel.read',
      params: [optional('fields'), optional('load', '_classic_read')],
    },
    run({ model, ids, uid, access, context, bound }, { orm }) {
      // Odoo reads nothing, and checks nothing, for no ids.
      if (ids.length === 0) return [];
      const rows = orm.existing(model, ids);
      if (!readsOwnUserRecord(model, ids, uid, bound.values.fields)) {
        access.checkModelAccess(model, 'read');
        // Ids that do not exist are left out; existing ones the rules hide fail the whole read.
        access.checkRecordAccess(model, rows, 'read');
      }
      const names = orm.fieldNames(model, bound.values.fields);
      return orm.read(model, rows, names, bound.values.load, context);
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
    requires: 'write',
    signature: { qualname: 'BaseModel.write', params: [{ name: 'vals' }] },
    run({ model, ids, uid, access, bound }, { orm }) {
      return orm.write(model, ids, bound.values.vals, uid, (rows) =>
        access.checkRecordAccess(model, rows, 'write'),
      );
    },
  },
  message_post: {
    onRecords: true,
    appliesTo: isMailThread,
    // Posting needs write access to the document (mail.thread's `_mail_post_access`).
    requires: 'write',
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
    run({ model, ids, uid, access, bound }, { orm, mail }) {
      const [record] = orm.require(model, ensureOne(model, ids), uid) as [Row];
      access.checkRecordAccess(model, [record], 'write');
      return mail.messagePost(model, record, bound.values as unknown as MessagePostArgs, bound.extra, uid);
    },
  },
  activity_schedule: {
    onRecords: true,
    appliesTo: isMailThread,
    requires: 'write',
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
    run({ model, ids, uid, access, bound }, { orm, mail }) {
      const records = orm.require(model, ids, uid);
      access.checkRecordAccess(model, records, 'write');
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
    requires: 'write',
    signature: {
      qualname: 'MailActivity.action_feedback',
      params: [optional('feedback', false), optional('attachment_ids')],
    },
    run(call, { orm, mail }) {
      return mail.actionFeedback(activitiesToClose(call, orm), call.bound.values.feedback, call.uid);
    },
  },
  action_done: {
    onRecords: true,
    appliesTo: (model) => model.name === 'mail.activity',
    requires: 'write',
    signature: { qualname: 'MailActivity.action_done', params: [] },
    run(call, { orm, mail }) {
      return mail.actionFeedback(activitiesToClose(call, orm), false, call.uid);
    },
  },
  check_access_rights: {
    onRecords: false,
    signature: {
      qualname: 'BaseModel.check_access_rights',
      params: [{ name: 'operation' }, optional('raise_exception', true)],
    },
    run({ model, access, bound }) {
      const operation = toOperation(bound.values.operation, 'Invalid access mode');
      if (bound.values.raise_exception) {
        access.checkModelAccess(model, operation);
        return true;
      }
      return access.hasModelAccess(model.name, operation);
    },
  },
  check_access_rule: {
    onRecords: true,
    signature: { qualname: 'BaseModel.check_access_rule', params: [{ name: 'operation' }] },
    run({ model, ids, uid, access, bound }, { orm }) {
      const operation = toOperation(
        bound.values.operation,
        `Invalid mode: ${pythonRepr(bound.values.operation)}`,
        'valueError',
      );
      const allows = access.recordFilter(model, operation);
      if (!allows) return null;
      const rows = orm.existing(model, ids);
      access.checkRecordAccess(model, rows, operation);
      const missing = ids.filter((id) => !rows.some((row) => row.id === id));
      // Deleted records: nothing to say for read and unlink, an error for write and create.
      if (missing.length > 0 && (operation === 'write' || operation === 'create')) {
        throw raise.missingError(
          'One of the documents you are trying to access has been deleted, please try again after ' +
            `refreshing.\n\n(Document type: ${model.name}, Operation: ${operation}, Records: ` +
            `${pythonRepr(missing.slice(0, 6))}, User: ${uid})`,
        );
      }
      return null;
    },
  },
};

/**
 * Methods whose signature or behaviour changed between Odoo 17.0 and 18.x (e.g. has_group),
 * on top of METHODS.
 */
const VERSION_METHODS: Record<OdooVersion, Record<string, MethodSpec>> = {
  '17.0': USER_METHODS['17.0'],
  '18.3': USER_METHODS['18.3'],
};

const OPERATIONS: readonly Operation[] = ['read', 'write', 'create', 'unlink'];

/** `assert operation in (...)` / `raise ValueError(...)`, as the two access methods do. */
function toOperation(
  value: unknown,
  message: string,
  exception: 'assertionError' | 'valueError' = 'assertionError',
): Operation {
  if (typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value))
    return value as Operation;
  throw raise[exception](message);
}

/**
 * `res.users.read` lets anyone read some fields of their own record (SELF_READABLE_FIELDS), as
 * superuser: portal users have no access right on res.users otherwise.
 */
function readsOwnUserRecord(model: ModelDef, ids: readonly number[], uid: number, fields: unknown): boolean {
  return (
    model.name === 'res.users' &&
    ids.length === 1 &&
    ids[0] === uid &&
    Array.isArray(fields) &&
    fields.length > 0 &&
    fields.every((name) => typeof name === 'string' && SELF_READABLE_USER_FIELDS.has(name))
  );
}

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

/** The activities `action_feedback`/`action_done` mark done: existing, and the caller's to change. */
function activitiesToClose({ model, ids, uid, access }: Call, orm: Orm): Row[] {
  const activities = orm.require(model, ids, uid);
  access.checkRecordAccess(model, activities, 'write');
  return activities;
}

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
  private readonly access: AccessPolicy;
  private readonly specs: Record<string, MethodSpec>;

  constructor(private readonly database: OdooDatabase) {
    this.orm = new Orm(database);
    this.mail = new Mail(database, this.orm);
    this.access = new AccessPolicy(database);
    this.specs = { ...METHODS, ...VERSION_METHODS[database.version] };
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

    const spec = Object.hasOwn(this.specs, method) ? this.specs[method] : undefined;
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
    const access = this.access.of(uid);
    if (spec.requires) access.checkModelAccess(model, spec.requires);
    return spec.run(
      { model, uid, access, context, ids, bound },
      { orm: this.orm, mail: this.mail, database: this.database },
    );
  }

  /** The ORM, for the stand-in's own read helpers (same rendering as over RPC). */
  get records(): Orm {
    return this.orm;
  }
}
