/**
 * Turns data.ts into table rows at a given moment: relative times become Odoo timestamps,
 * country codes become `country_id`s, every lead gets its "Lead/Opportunity created" message,
 * and the Odoo 18.3 variant loses `crm.lead.mobile` (18.2 moved it into `phone` when empty).
 */
import { addDays, minutesBefore, odooDate, odooDatetime } from './clock';
import {
  ACTIVITIES,
  ACTIVITY_TYPES,
  COUNTRIES,
  GROUPS,
  type GroupXmlid,
  LEADS,
  LOST_REASONS,
  NOTES,
  PARTNERS,
  SEED,
  STAGES,
  SUBTYPES,
  USERS,
} from './data';
import { COUNTRY_IDS } from './models';
import type { FieldValue, OdooVersion, Row } from './types';

const DAY = 1440;

interface Stamp {
  create_date: string;
  write_date: string;
  create_uid: number;
  write_uid: number;
}

export function seedTables(now: Date, version: OdooVersion): Map<string, Row[]> {
  const at = (minutesAgo: number) => odooDatetime(minutesBefore(now, minutesAgo));
  const stamp = (createdDaysAgo: number, updatedMinutesAgo = createdDaysAgo * DAY): Stamp => ({
    create_date: at(createdDaysAgo * DAY),
    write_date: at(updatedMinutesAgo),
    create_uid: SEED.users.admin,
    write_uid: SEED.users.admin,
  });
  const old = stamp(400);
  const country = (code: string | undefined): number | false =>
    code ? (COUNTRY_IDS.get(code) ?? false) : false;
  const text = (value: string | undefined): string | false => value ?? false;

  const groupId = (xmlid: GroupXmlid): number => GROUPS.find((group) => group.xmlid === xmlid)!.id;
  const groups: Row[] = GROUPS.map((group) => ({
    id: group.id,
    name: group.name,
    category: group.category,
    implied_ids: group.implies.map(groupId),
    share: group.share,
    ...old,
  }));
  const impliedClosure = (given: readonly GroupXmlid[]): number[] => {
    const closure = new Set<GroupXmlid>();
    const pending = [...given];
    while (pending.length > 0) {
      const xmlid = pending.pop()!;
      if (closure.has(xmlid)) continue;
      closure.add(xmlid);
      pending.push(...GROUPS.find((group) => group.xmlid === xmlid)!.implies);
    }
    const byName = (xmlid: GroupXmlid) => GROUPS.find((group) => group.xmlid === xmlid)!.name;
    return [...closure].sort((a, b) => byName(a).localeCompare(byName(b))).map(groupId);
  };

  const users: Row[] = USERS.map((user) => ({
    id: user.id,
    name: user.name,
    login: user.login,
    partner_id: user.partnerId,
    lang: user.lang,
    tz: user.tz,
    // Odoo 17 stores the implied groups with the given ones; 18.2+ stores the given ones only.
    ...(version === '17.0'
      ? { groups_id: impliedClosure(user.groups) }
      : { group_ids: user.groups.map(groupId) }),
    active: user.active,
    ...old,
  }));

  const partners: Row[] = PARTNERS.map((partner) => ({
    id: partner.id,
    name: partner.name,
    is_company: partner.isCompany,
    parent_id: partner.parentId ?? false,
    function: text(partner.function),
    phone: text(partner.phone),
    mobile: text(partner.mobile),
    email: text(partner.email),
    country_id: country(partner.country),
    city: text(partner.city),
    lang: partner.lang ?? 'en_US',
    user_id: partner.salespersonId ?? false,
    active: true,
    ...stamp(partner.createdDaysAgo, partner.updatedMinutesAgo),
  }));

  const leads: Row[] = LEADS.map((lead) => {
    let phone = text(lead.phone);
    let mobile = text(lead.mobile);
    if (version !== '17.0') {
      phone = phone || mobile;
      mobile = false;
    }
    const row: Row = {
      id: lead.id,
      name: lead.name,
      type: lead.type,
      active: lead.lostReasonId === undefined,
      stage_id: lead.stageId,
      probability: lead.probability,
      expected_revenue: lead.expectedRevenue,
      priority: lead.priority,
      user_id: lead.salespersonId ?? false,
      partner_id: lead.partnerId ?? false,
      partner_name: text(lead.partnerName),
      contact_name: text(lead.contactName),
      email_from: text(lead.email),
      phone,
      country_id: country(lead.country),
      city: text(lead.city),
      lost_reason_id: lead.lostReasonId ?? false,
      ...stamp(lead.createdDaysAgo, lead.updatedMinutesAgo),
    };
    if (version === '17.0') row.mobile = mobile;
    return row;
  });

  const userTz = new Map(USERS.map((user) => [user.id, user.tz]));
  const activities: Row[] = ACTIVITIES.map((activity) => ({
    id: activity.id,
    res_model: activity.model,
    res_id: activity.resId,
    activity_type_id: activity.typeId,
    summary: activity.summary,
    note: text(activity.note),
    date_deadline: addDays(odooDate(now, userTz.get(activity.userId)), activity.dueInDays),
    user_id: activity.userId,
    automated: false,
    ...stamp(activity.createdDaysAgo),
  }));

  // Oldest first, so message ids grow with time as in a real database.
  const messageSeeds: { values: Omit<Row, 'id'>; minutesAgo: number }[] = [
    ...LEADS.map((lead) => ({
      minutesAgo: lead.createdDaysAgo * DAY,
      values: {
        model: 'crm.lead',
        res_id: lead.id,
        subject: false,
        body: '',
        message_type: 'notification',
        subtype_id: SEED.subtypes.leadCreated,
        is_internal: false,
        author_id: SEED.partners.odooBot,
        email_from: false,
        mail_activity_type_id: false,
        partner_ids: [],
      } satisfies Record<string, FieldValue>,
    })),
    ...NOTES.map((note) => ({
      minutesAgo: note.daysAgo * DAY,
      values: {
        model: note.model,
        res_id: note.resId,
        subject: false,
        body: note.body,
        message_type: 'comment',
        subtype_id: SEED.subtypes.note,
        is_internal: true,
        author_id: note.authorPartnerId,
        email_from: false,
        mail_activity_type_id: false,
        partner_ids: [],
      } satisfies Record<string, FieldValue>,
    })),
  ].sort((a, b) => b.minutesAgo - a.minutesAgo);
  const messages: Row[] = messageSeeds.map(({ values, minutesAgo }, index) => ({
    id: index + 1,
    ...values,
    date: at(minutesAgo),
    ...stamp(0, minutesAgo),
    create_date: at(minutesAgo),
  }));

  const xmlids: { xmlid: string; model: string; resId: number }[] = [
    ...STAGES.map((stage) => ({ xmlid: stage.xmlid, model: 'crm.stage', resId: stage.id })),
    ...ACTIVITY_TYPES.map((type) => ({ xmlid: type.xmlid, model: 'mail.activity.type', resId: type.id })),
    ...SUBTYPES.map((subtype) => ({
      xmlid: subtype.xmlid,
      model: 'mail.message.subtype',
      resId: subtype.id,
    })),
    ...USERS.flatMap((user) =>
      user.xmlid ? [{ xmlid: user.xmlid, model: 'res.users', resId: user.id }] : [],
    ),
    ...PARTNERS.flatMap((partner) =>
      partner.xmlid ? [{ xmlid: partner.xmlid, model: 'res.partner', resId: partner.id }] : [],
    ),
    ...GROUPS.map((group) => ({ xmlid: group.xmlid, model: 'res.groups', resId: group.id })),
    ...COUNTRIES.map((item) => ({
      xmlid: `base.${item.code.toLowerCase()}`,
      model: 'res.country',
      resId: item.id,
    })),
  ];

  return new Map<string, Row[]>([
    ['res.users', users],
    ['res.groups', groups],
    ['res.partner', partners],
    ['crm.lead', leads],
    ['mail.activity', activities],
    ['mail.message', messages],
    [
      'crm.stage',
      STAGES.map((stage) => ({
        id: stage.id,
        name: stage.name,
        sequence: stage.sequence,
        is_won: stage.isWon,
        ...old,
      })),
    ],
    [
      'mail.activity.type',
      ACTIVITY_TYPES.map((type, index) => ({
        id: type.id,
        name: type.name,
        icon: type.icon,
        category: type.category,
        sequence: index + 1,
        delay_count: 0,
        active: true,
        ...old,
      })),
    ],
    [
      'mail.message.subtype',
      SUBTYPES.map((subtype, index) => ({
        id: subtype.id,
        name: subtype.name,
        internal: subtype.internal,
        sequence: index + 1,
        ...old,
      })),
    ],
    [
      'crm.lost.reason',
      LOST_REASONS.map((reason) => ({ id: reason.id, name: reason.name, active: true, ...old })),
    ],
    [
      'res.country',
      COUNTRIES.map((item) => ({
        id: item.id,
        name: item.name,
        code: item.code,
        phone_code: item.phoneCode,
        ...old,
      })),
    ],
    [
      'ir.model.data',
      xmlids.map((entry, index) => {
        const [module, name] = entry.xmlid.split('.') as [string, string];
        return {
          id: index + 1,
          module,
          name,
          model: entry.model,
          res_id: entry.resId,
          noupdate: true,
          ...old,
        };
      }),
    ],
  ]);
}
