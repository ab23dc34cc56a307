/**
 * The models the stand-in serves, with the fields (names, types, labels) Odoo 17 gives them and
 * the computed values clients read: `display_name`, `phone_sanitized`, an activity's `state`,
 * x2many ids. Only the fields the worker, the demo and the tests use; `fields_get` lists exactly
 * these. Odoo 18.2+ (`version: '18.3'`) has no `mobile` on `crm.lead`.
 */
import { COMPANY, COUNTRIES } from './data';
import { isShareUser, sortedByGroupName, userGroupIds, withImpliedGroups } from './groups';
import { sanitizePhone } from './phone';
import { translate } from './translate';
import type { FieldDef, FieldValue, ModelDef, OdooContext, OdooVersion, RecordSource, Row } from './types';

const field =
  (type: FieldDef['type']) =>
  (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type, string, ...extra });
const char = field('char');
const integer = field('integer');
const float = field('float');
const boolean = field('boolean');
const html = field('html');
const date = field('date');
const datetime = field('datetime');
const selection = (
  string: string,
  options: readonly (readonly [string, string])[],
  extra: Partial<FieldDef> = {},
) => field('selection')(string, { selection: options, ...extra });
const many2one = (relation: string, string: string, extra: Partial<FieldDef> = {}) =>
  field('many2one')(string, { relation, ...extra });
const computed = (
  type: FieldDef['type'],
  string: string,
  compute: NonNullable<FieldDef['compute']>,
  extra: Partial<FieldDef> = {},
): FieldDef => ({ type, string, compute, ...extra });

const LANGS = [
  ['en_US', 'English (US)'],
  ['fr_FR', 'French / Français'],
] as const;

/** Fields every model has. */
function magicFields(): Record<string, FieldDef> {
  return {
    id: integer('ID'),
    create_date: datetime('Created on'),
    write_date: datetime('Last Updated on'),
    create_uid: many2one('res.users', 'Created by'),
    write_uid: many2one('res.users', 'Last Updated by'),
  };
}

/** `display_name` of models whose records are named by one field (translated if it is). */
const displayNameFrom = (fieldName: string, translatable = false): FieldDef =>
  computed(
    'char',
    'Display Name',
    (row, _source, context) => {
      const name = String(row[fieldName] ?? '');
      return translatable ? translate(name, context.lang) : name;
    },
    { searchable: true },
  );

/** Ids of rows of `model` whose `fieldName` points at `row` (one2many). */
const inverseIds = (model: string, fieldName: string, string: string): FieldDef => ({
  type: 'one2many',
  string,
  relation: model,
  compute: (row, source) =>
    source
      .all(model)
      .filter((other) => other[fieldName] === row.id)
      .map((other) => other.id),
  searchable: true,
});

/** Activities or messages of a `mail.thread` record (`res_model`/`model` + `res_id`). */
const threadIds = (
  model: 'mail.activity' | 'mail.message',
  ownerModel: string,
  string: string,
): FieldDef => ({
  type: 'one2many',
  string,
  relation: model,
  compute: (row, source) =>
    source
      .all(model)
      .filter((other) => (other.res_model ?? other.model) === ownerModel && other.res_id === row.id)
      .map((other) => other.id),
  searchable: true,
});

function countryCode(source: RecordSource, countryId: FieldValue | undefined): string {
  const country = typeof countryId === 'number' ? source.get('res.country', countryId) : undefined;
  return typeof country?.code === 'string' ? country.code : COMPANY.country;
}

/** `phone_sanitized`: first valid number among `phoneFields`, parsed with the record's country. */
const phoneSanitized = (phoneFields: readonly string[]): FieldDef =>
  computed(
    'char',
    'Sanitized Number',
    (row, source) => {
      for (const name of phoneFields) {
        const sanitized = sanitizePhone(
          typeof row[name] === 'string' ? (row[name] as string) : false,
          countryCode(source, row.country_id),
        );
        if (sanitized) return sanitized;
      }
      return false;
    },
    { store: true },
  );

const phoneMobileSearch: FieldDef = { type: 'char', string: 'Phone/Mobile', searchOnly: true };

function leadModel(version: OdooVersion): ModelDef {
  const hasMobile = version === '17.0';
  const phoneFields = hasMobile ? ['mobile', 'phone'] : ['phone'];
  const fields: Record<string, FieldDef> = {
    ...magicFields(),
    name: char('Opportunity', { required: true }),
    display_name: displayNameFrom('name'),
    type: selection(
      'Type',
      [
        ['lead', 'Lead'],
        ['opportunity', 'Opportunity'],
      ],
      { required: true },
    ),
    active: boolean('Active'),
    stage_id: many2one('crm.stage', 'Stage'),
    probability: float('Probability'),
    expected_revenue: float('Expected Revenue'),
    priority: selection('Priority', [
      ['0', 'Low'],
      ['1', 'Medium'],
      ['2', 'High'],
      ['3', 'Very High'],
    ]),
    user_id: many2one('res.users', 'Salesperson'),
    partner_id: many2one('res.partner', 'Customer'),
    partner_name: char('Company Name'),
    contact_name: char('Contact Name'),
    email_from: char('Email'),
    phone: char('Phone'),
    ...(hasMobile ? { mobile: char('Mobile') } : {}),
    phone_sanitized: phoneSanitized(phoneFields),
    phone_mobile_search: phoneMobileSearch,
    country_id: many2one('res.country', 'Country'),
    city: char('City'),
    lost_reason_id: many2one('crm.lost.reason', 'Lost Reason'),
    won_status: computed(
      'selection',
      'Is Won',
      (row, source) => {
        const stage = typeof row.stage_id === 'number' ? source.get('crm.stage', row.stage_id) : undefined;
        if (row.active && stage?.is_won) return 'won';
        if (!row.active && row.probability === 0) return 'lost';
        return 'pending';
      },
      {
        selection: [
          ['won', 'Won'],
          ['lost', 'Lost'],
          ['pending', 'Pending'],
        ],
        searchable: true,
      },
    ),
    activity_ids: threadIds('mail.activity', 'crm.lead', 'Activities'),
    message_ids: threadIds('mail.message', 'crm.lead', 'Messages'),
  };
  return {
    name: 'crm.lead',
    description: 'Lead/Opportunity',
    order: 'priority desc, id desc',
    fields,
    mailThread: true,
    phoneFields,
  };
}

function partnerModel(): ModelDef {
  const phoneFields = ['mobile', 'phone'];
  const completeName = (row: Row, source: RecordSource): string => {
    const parent = typeof row.parent_id === 'number' ? source.get('res.partner', row.parent_id) : undefined;
    return parent && !row.is_company ? `${parent.name}, ${row.name}` : String(row.name);
  };
  return {
    name: 'res.partner',
    description: 'Contact',
    order: 'complete_name asc, id desc',
    mailThread: true,
    phoneFields,
    fields: {
      ...magicFields(),
      name: char('Name'),
      display_name: computed('char', 'Display Name', completeName, { searchable: true }),
      complete_name: computed('char', 'Complete Name', completeName, { store: true }),
      is_company: boolean('Is a Company'),
      company_type: computed('selection', 'Company Type', (row) => (row.is_company ? 'company' : 'person'), {
        selection: [
          ['person', 'Individual'],
          ['company', 'Company'],
        ],
        searchable: true,
      }),
      parent_id: many2one('res.partner', 'Related Company'),
      child_ids: inverseIds('res.partner', 'parent_id', 'Contact'),
      function: char('Job Position'),
      phone: char('Phone'),
      mobile: char('Mobile'),
      phone_sanitized: phoneSanitized(phoneFields),
      phone_mobile_search: phoneMobileSearch,
      email: char('Email'),
      country_id: many2one('res.country', 'Country'),
      city: char('City'),
      lang: selection('Language', LANGS),
      user_id: many2one('res.users', 'Salesperson'),
      user_ids: inverseIds('res.users', 'partner_id', 'Users'),
      active: boolean('Active'),
      activity_ids: threadIds('mail.activity', 'res.partner', 'Activities'),
      message_ids: threadIds('mail.message', 'res.partner', 'Messages'),
    },
  };
}

/**
 * `res.users`. Groups: Odoo 17 has `groups_id`, stored with the implied groups; Odoo 18.2 renamed
 * it `group_ids` (the given groups only) and added `all_group_ids` (with the implied ones).
 * `share` is computed and stored: true for users who are not Internal Users.
 */
function userModel(version: OdooVersion): ModelDef {
  const groupFields: Record<string, FieldDef> =
    version === '17.0'
      ? { groups_id: field('many2many')('Groups', { relation: 'res.groups' }) }
      : {
          group_ids: field('many2many')('Groups', { relation: 'res.groups' }),
          all_group_ids: computed(
            'many2many',
            'Groups and implied groups',
            (row, source) => sortedByGroupName(source, userGroupIds(source, row)),
            { relation: 'res.groups', searchable: true },
          ),
        };
  return {
    name: 'res.users',
    description: 'User',
    order: 'name, login',
    fields: {
      ...magicFields(),
      name: char('Name'),
      display_name: displayNameFrom('name'),
      login: char('Login', { required: true }),
      partner_id: many2one('res.partner', 'Related Partner', { required: true }),
      email: computed('char', 'Email', (row, source) => {
        const partner =
          typeof row.partner_id === 'number' ? source.get('res.partner', row.partner_id) : undefined;
        return partner?.email ?? false;
      }),
      lang: selection('Language', LANGS),
      tz: char('Timezone'),
      ...groupFields,
      share: computed('boolean', 'Share User', (row, source) => isShareUser(source, row), { store: true }),
      active: boolean('Active'),
    },
  };
}

/** `res.groups`: named `Category / Name`; users and implications under 17's or 18.2's names. */
function groupModel(version: OdooVersion): ModelDef {
  const members = (row: Row, source: RecordSource, withImplied: boolean): number[] =>
    source
      .all('res.users')
      .filter((user) => {
        const groupIds = withImplied
          ? userGroupIds(source, user)
          : ((user.group_ids ?? user.groups_id ?? []) as number[]);
        return groupIds.includes(row.id);
      })
      .map((user) => user.id);
  const closure = computed(
    'many2many',
    'Transitively inherits',
    (row, source) => withImpliedGroups(source, (row.implied_ids ?? []) as number[]),
    { relation: 'res.groups', searchable: true },
  );
  const relations: Record<string, FieldDef> =
    version === '17.0'
      ? {
          users: computed('many2many', 'Users', (row, source) => members(row, source, false), {
            relation: 'res.users',
            searchable: true,
          }),
          trans_implied_ids: closure,
        }
      : {
          user_ids: computed('many2many', 'Users', (row, source) => members(row, source, false), {
            relation: 'res.users',
            searchable: true,
          }),
          all_user_ids: computed(
            'many2many',
            'Users and implied users',
            (row, source) => members(row, source, true),
            { relation: 'res.users', searchable: true },
          ),
          all_implied_ids: { ...closure, string: 'Transitive and recursive closure' },
        };
  // `category` is kept on the row (Odoo has a many2one to ir.module.category, not modelled).
  const fullName = (row: Row, _source: RecordSource, context: OdooContext) => {
    const name = translate(String(row.name ?? ''), context.lang);
    return typeof row.category === 'string' ? `${translate(row.category, context.lang)} / ${name}` : name;
  };
  return {
    name: 'res.groups',
    description: 'Access Groups',
    order: 'name',
    fields: {
      ...magicFields(),
      name: char('Name', { required: true, translate: true }),
      full_name: computed('char', 'Group Name', fullName, { searchable: true }),
      display_name: computed('char', 'Display Name', fullName, { searchable: true }),
      implied_ids: field('many2many')('Inherits', { relation: 'res.groups' }),
      ...relations,
      share: boolean('Share Group'),
    },
  };
}

function messageModel(): ModelDef {
  return {
    name: 'mail.message',
    description: 'Message',
    order: 'id desc',
    fields: {
      ...magicFields(),
      display_name: computed('char', 'Display Name', (row, source, context) =>
        row.subject
          ? String(row.subject)
          : typeof row.model === 'string' && typeof row.res_id === 'number'
            ? source.displayName(row.model, row.res_id, context)
            : '',
      ),
      model: char('Related Document Model'),
      res_id: integer('Related Document ID'),
      record_name: computed('char', 'Message Record Name', (row, source, context) =>
        typeof row.model === 'string' && typeof row.res_id === 'number'
          ? source.displayName(row.model, row.res_id, context)
          : false,
      ),
      subject: char('Subject'),
      body: html('Contents'),
      message_type: selection(
        'Type',
        [
          ['email', 'Incoming Email'],
          ['comment', 'Comment'],
          ['email_outgoing', 'Outgoing Email'],
          ['notification', 'System notification'],
          ['auto_comment', 'Automated Targeted Notification'],
          ['user_notification', 'User Specific Notification'],
        ],
        { required: true },
      ),
      subtype_id: many2one('mail.message.subtype', 'Subtype'),
      is_internal: boolean('Employee Only'),
      author_id: many2one('res.partner', 'Author'),
      email_from: char('From'),
      date: datetime('Date'),
      mail_activity_type_id: many2one('mail.activity.type', 'Mail Activity Type'),
      partner_ids: field('many2many')('Recipients', { relation: 'res.partner' }),
    },
  };
}

function activityModel(): ModelDef {
  return {
    name: 'mail.activity',
    description: 'Activity',
    order: 'date_deadline asc, id asc',
    fields: {
      ...magicFields(),
      display_name: computed(
        'char',
        'Display Name',
        (row, source, context) =>
          row.summary
            ? String(row.summary)
            : typeof row.activity_type_id === 'number'
              ? source.displayName('mail.activity.type', row.activity_type_id, context)
              : '',
        { searchable: true },
      ),
      res_model: char('Related Document Model', { required: true }),
      res_id: integer('Related Document ID', { required: true }),
      res_name: computed('char', 'Document Name', (row, source, context) =>
        source.displayName(String(row.res_model), Number(row.res_id), context),
      ),
      activity_type_id: many2one('mail.activity.type', 'Activity Type'),
      activity_category: computed(
        'selection',
        'Action',
        (row, source) => {
          const type =
            typeof row.activity_type_id === 'number'
              ? source.get('mail.activity.type', row.activity_type_id)
              : undefined;
          return type?.category ?? false;
        },
        { selection: ACTIVITY_CATEGORIES, searchable: true },
      ),
      summary: char('Summary'),
      note: html('Note'),
      date_deadline: date('Due Date', { required: true }),
      user_id: many2one('res.users', 'Assigned to'),
      automated: boolean('Automated activity'),
      state: computed(
        'selection',
        'State',
        (row, source) => {
          const user = typeof row.user_id === 'number' ? source.get('res.users', row.user_id) : undefined;
          const today = source.todayIn(typeof user?.tz === 'string' ? user.tz : false);
          const deadline = String(row.date_deadline);
          return deadline < today ? 'overdue' : deadline === today ? 'today' : 'planned';
        },
        {
          selection: [
            ['overdue', 'Overdue'],
            ['today', 'Today'],
            ['planned', 'Planned'],
          ],
        },
      ),
    },
  };
}

const ACTIVITY_CATEGORIES = [
  ['default', 'None'],
  ['upload_file', 'Upload Document'],
  ['phonecall', 'Phonecall'],
  ['meeting', 'Meeting'],
] as const;

/** Small configuration models: a translatable `name`, a few flags. */
function simpleModel(
  name: string,
  description: string,
  order: string,
  fields: Record<string, FieldDef>,
): ModelDef {
  return {
    name,
    description,
    order,
    fields: { ...magicFields(), display_name: displayNameFrom('name', fields.name?.translate), ...fields },
  };
}

export function defineModels(version: OdooVersion): Map<string, ModelDef> {
  const models: ModelDef[] = [
    leadModel(version),
    partnerModel(),
    userModel(version),
    groupModel(version),
    messageModel(),
    activityModel(),
    simpleModel('mail.activity.type', 'Activity Type', 'sequence, id', {
      name: char('Name', { translate: true, required: true }),
      icon: char('Icon'),
      category: selection('Action', ACTIVITY_CATEGORIES),
      sequence: integer('Sequence'),
      delay_count: integer('Schedule'),
      active: boolean('Active'),
    }),
    simpleModel('mail.message.subtype', 'Message subtypes', 'sequence, id', {
      name: char('Message Type', { translate: true, required: true }),
      internal: boolean('Internal Only'),
      sequence: integer('Sequence'),
    }),
    simpleModel('crm.stage', 'CRM Stages', 'sequence, name, id', {
      name: char('Stage Name', { translate: true, required: true }),
      sequence: integer('Sequence'),
      is_won: boolean('Is Won Stage?'),
    }),
    simpleModel('crm.lost.reason', 'Opp. Lost Reason', 'name', {
      name: char('Description', { translate: true, required: true }),
      active: boolean('Active'),
    }),
    simpleModel('res.country', 'Country', 'name', {
      name: char('Country Name', { translate: true, required: true }),
      code: char('Country Code'),
      phone_code: integer('Country Calling Code'),
    }),
    {
      name: 'ir.model.data',
      description: 'Model Data',
      order: 'module, model, name',
      fields: {
        ...magicFields(),
        display_name: computed('char', 'Display Name', (row) => `${row.module}.${row.name}`),
        complete_name: computed('char', 'Complete ID', (row) => `${row.module}.${row.name}`),
        module: char('Module', { required: true }),
        name: char('External Identifier', { required: true }),
        model: char('Model Name', { required: true }),
        res_id: integer('Record ID'),
        noupdate: boolean('Non Updatable'),
      },
    },
  ];
  return new Map(models.map((model) => [model.name, model]));
}

/** Ids of the countries in data.ts by ISO code (`country_id` values). */
export const COUNTRY_IDS: ReadonlyMap<string, number> = new Map(
  COUNTRIES.map((country) => [country.code, country.id]),
);
