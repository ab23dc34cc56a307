/**
 * Who may do what, as Odoo 17 ships it for the models the stand-in serves: the access rights of
 * ir.model.access.csv (base, mail, sales_team, crm) and the record rules of crm_security.xml and
 * base_security.xml. This file is the declaration; access.ts enforces it.
 *
 * Not modelled: multi-company rules (one company here), field-level `groups=`, and the rights of
 * models the stand-in does not have.
 */
import type { GroupXmlid } from './data';
import type { RecordSource, Row } from './types';

export type Operation = 'read' | 'write' | 'create' | 'unlink';

/** One line of an ir.model.access.csv: `group: null` grants everyone (even public users). */
export interface ModelAccess {
  model: string;
  group: GroupXmlid | null;
  /** `rwcu` letters for perm_read, perm_write, perm_create, perm_unlink. */
  perms: string;
}

const access = (model: string, group: GroupXmlid | null, perms: string): ModelAccess => ({
  model,
  group,
  perms,
});

export const MODEL_ACCESS: readonly ModelAccess[] = [
  // crm: leads belong to the sales groups only; other employees and portal users get nothing.
  access('crm.lead', 'sales_team.group_sale_salesman', 'rwc'),
  access('crm.lead', 'sales_team.group_sale_manager', 'rwcu'),
  access('crm.stage', 'base.group_user', 'r'),
  access('crm.stage', 'sales_team.group_sale_manager', 'rwcu'),
  access('crm.lost.reason', 'sales_team.group_sale_salesman', 'r'),
  access('crm.lost.reason', 'sales_team.group_sale_manager', 'rwcu'),
  // base: contacts are read by everyone who logs in (portal and public through a record rule).
  access('res.partner', 'base.group_user', 'r'),
  access('res.partner', 'base.group_portal', 'r'),
  access('res.partner', 'base.group_public', 'r'),
  access('res.partner', 'base.group_partner_manager', 'rwcu'),
  access('res.users', 'base.group_user', 'r'),
  access('res.users', 'base.group_erp_manager', 'rwcu'),
  access('res.groups', 'base.group_user', 'r'),
  access('res.groups', 'base.group_erp_manager', 'rwcu'),
  access('ir.model.data', 'base.group_user', 'r'),
  access('ir.model.data', 'base.group_system', 'rwcu'),
  access('res.country', null, 'r'),
  // mail: messages and activities follow their document (access.ts); these are the model rights.
  access('mail.message', 'base.group_user', 'rwcu'),
  access('mail.message', 'base.group_portal', 'rwc'),
  access('mail.activity', 'base.group_user', 'rwcu'),
  access('mail.activity.type', 'base.group_user', 'r'),
  access('mail.activity.type', 'base.group_system', 'rwcu'),
  access('mail.message.subtype', 'base.group_user', 'r'),
  access('mail.message.subtype', 'base.group_portal', 'r'),
];

/** The user a record rule is evaluated for (`user` in its domain). */
export interface RuleUser {
  id: number;
  partnerId: number | false;
}

export interface RecordRule {
  /** The rule's xml id and name in Odoo. */
  xmlid: string;
  name: string;
  model: string;
  /** Group rules apply to members of any of these groups and combine with OR. */
  groups: readonly GroupXmlid[];
  operations: readonly Operation[];
  /** `domain_force`, as Odoo declares it (for the docs and messages). */
  domain: string;
  /** The domain, evaluated on one row. */
  allows(row: Row, user: RuleUser, source: RecordSource): boolean;
}

const ALL_OPERATIONS: readonly Operation[] = ['read', 'write', 'create', 'unlink'];

/** `child_of`: the partner itself or one of its contacts, at any depth. */
function isPartnerOrChildOf(source: RecordSource, partner: Row, ancestorId: number): boolean {
  const seen = new Set<number>();
  let current: Row | undefined = partner;
  while (current && !seen.has(current.id)) {
    if (current.id === ancestorId) return true;
    seen.add(current.id);
    current =
      typeof current.parent_id === 'number' ? source.get('res.partner', current.parent_id) : undefined;
  }
  return false;
}

/** `commercial_partner_id`: the topmost company above a contact (or the contact itself). */
function commercialPartnerId(source: RecordSource, partnerId: number): number {
  let current = source.get('res.partner', partnerId);
  const seen = new Set<number>();
  while (current && typeof current.parent_id === 'number' && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = source.get('res.partner', current.parent_id);
    if (!parent) break;
    current = parent;
  }
  return current?.id ?? partnerId;
}

export const RECORD_RULES: readonly RecordRule[] = [
  {
    xmlid: 'crm.crm_rule_personal_lead',
    name: 'Personal Leads',
    model: 'crm.lead',
    groups: ['sales_team.group_sale_salesman'],
    operations: ALL_OPERATIONS,
    domain: "['|', ('user_id', '=', user.id), ('user_id', '=', False)]",
    allows: (row, user) => row.user_id === user.id || row.user_id === false,
  },
  {
    xmlid: 'crm.crm_rule_all_lead',
    name: 'All Leads',
    model: 'crm.lead',
    groups: ['sales_team.group_sale_salesman_all_leads'],
    operations: ALL_OPERATIONS,
    domain: "[(1, '=', 1)]",
    allows: () => true,
  },
  {
    xmlid: 'base.res_partner_portal_public_rule',
    name: 'res_partner: portal/public: read access on my commercial partner',
    model: 'res.partner',
    groups: ['base.group_portal', 'base.group_public'],
    operations: ['read'],
    domain: "[('id', 'child_of', user.commercial_partner_id.id)]",
    allows: (row, user, source) =>
      user.partnerId !== false &&
      isPartnerOrChildOf(source, row, commercialPartnerId(source, user.partnerId)),
  },
];

/**
 * Fields a user may read on their own `res.users` record without any access right
 * (`SELF_READABLE_FIELDS` of Odoo 17, for the fields the stand-in has).
 */
export const SELF_READABLE_USER_FIELDS: ReadonlySet<string> = new Set([
  'login',
  'email',
  'name',
  'lang',
  'tz',
  'groups_id',
  'group_ids',
  'partner_id',
  'write_date',
  'share',
]);
