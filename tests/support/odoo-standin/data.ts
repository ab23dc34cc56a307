/**
 * Everything the Odoo stand-in knows, in one place: users and their (fake) credentials,
 * contacts, leads, activities, and the few configuration records Odoo ships (stages, activity
 * types, message subtypes, countries). Modelled on Odoo 17's CRM demo data
 * (shared/reference/odoo17): lead 14 "Office Design Project" of Deco Addict, `+32 10 588 558`.
 *
 * Numbers are written the ways people type them (`+33 6 12 34 56 78`, `0032 10 588 558`,
 * `0478/22.33.44`, `(415) 555-0132` with a US country): that is what `phone_mobile_search` and
 * `phone_sanitized` have to cope with. Times are relative to the moment the data is (re)loaded,
 * so "due today" activities are due today whenever the tests run.
 *
 * Tests refer to records through `SEED` (e.g. `SEED.leads.officeDesign`), never by bare numbers.
 */

export type OdooLang = 'en_US' | 'fr_FR';
export type CountryCode = 'BE' | 'CH' | 'DE' | 'ES' | 'FR' | 'GB' | 'IT' | 'NL' | 'US';

/** Stable ids. Ids 1-7 of users/partners are those of Odoo's own demo data. */
export const SEED = {
  company: { yourCompany: 1 },
  users: {
    odooBot: 1,
    admin: 2,
    marc: 6,
    camille: 7,
    lucas: 8,
    sarah: 9,
    /** Archived: can no longer log in. */
    julien: 10,
    /** The worker's service account (API key only). */
    service: 11,
    /** Salesperson with "Own Documents Only": reads only his leads and unassigned ones. */
    hugo: 12,
    /** Portal user (a customer's contact, `share`): may log in, is no employee. */
    addison: 13,
    /** Internal user outside the sales groups (accounting): no access to leads. */
    claire: 14,
  },
  partners: {
    yourCompany: 1,
    odooBot: 2,
    admin: 3,
    marc: 7,
    decoAddict: 9,
    addisonOlson: 10,
    boulangerieMoreau: 11,
    elodieMoreau: 12,
    brauhausSchmidt: 13,
    jonasSchmidt: 14,
    helvetiaPrecision: 15,
    lucaBernasconi: 16,
    thamesOffice: 17,
    nadiaElAmrani: 18,
    mueblesAlameda: 19,
    azureInterior: 20,
    brandonFreeman: 21,
    camille: 26,
    lucas: 27,
    sarah: 28,
    julien: 29,
    service: 30,
    hugo: 31,
    claire: 32,
  },
  leads: {
    clubOffice: 1,
    designSoftware: 2,
    moreauDesks: 3,
    elodieChairs: 4,
    schmidtTables: 5,
    /** Won (probability 100), same number as `schmidtTables`. */
    schmidtBarStools: 6,
    helvetiaOpenSpace: 7,
    bernasconiDesks: 8,
    thamesDistributor: 9,
    chairs600: 10,
    nadiaHomeOffice: 11,
    alamedaCustomDesks: 12,
    azureVpChairs: 13,
    /** Odoo demo lead 14, `+32 10 588 558`, Deco Addict. */
    officeDesign: 14,
    /** Same number as `officeDesign`, written `0032 10 588 558`, updated less recently. */
    decoShowroom: 15,
    /** Lost (archived), same number again: found only with `active_test: false`. */
    decoCarpetLost: 16,
    /** No phone, no mobile. */
    websiteInquiry: 17,
    /** `+1 555 754 3010`: not a valid number, so `phone_sanitized` is false. No salesperson. */
    infoServices: 18,
    freemanCarpets: 19,
    globalSolutions: 20,
    /** `+49 (0)89 1234 5678`: the "(0)" defeats `phone_mobile_search` by E.164, as in Odoo. */
    bueromoebel: 21,
    /** Same mobile as `designSoftware`. */
    patisserieStools: 22,
    /** Hugo Petit's. Same number as `lumiereReception`, which he may not read. */
    lumiereShowroom: 23,
    /** Camille's: Hugo may not read it, though his `lumiereShowroom` has its number. */
    lumiereReception: 24,
  },
  activities: {
    officeDesignCallToday: 1,
    officeDesignCatalogEmail: 2,
    moreauCallOverdue: 3,
    schmidtCallFuture: 4,
    thamesMeeting: 5,
    brauhausPartnerCallOverdue: 6,
    decoShowroomCallOverdue: 7,
  },
  activityTypes: { email: 1, call: 2, meeting: 3, todo: 4 },
  /** `res.groups`, with Odoo 17's xml ids in GROUPS below. */
  groups: {
    internalUser: 1,
    accessRights: 2,
    settings: 3,
    contactCreation: 4,
    portal: 5,
    public: 6,
    salesOwnDocuments: 7,
    salesAllDocuments: 8,
    salesAdministrator: 9,
  },
  stages: { new: 1, qualified: 2, proposition: 3, won: 4 },
  subtypes: { discussions: 1, note: 2, activities: 3, leadCreated: 4 },
  lostReasons: { tooExpensive: 1, noSkills: 2, notEnoughStock: 3 },
  /** E.164 forms of numbers that several records share (what Twilio would send as `From`). */
  numbers: {
    /** Leads `officeDesign`, `decoShowroom`, lost `decoCarpetLost`, contact `decoAddict`. */
    decoAddict: '+3210588558',
    /** Open lead `schmidtTables`, won lead `schmidtBarStools`, contact `brauhausSchmidt`. */
    brauhausSchmidt: '+4930901820',
    /** Mobile of leads `designSoftware` and `patisserieStools`. */
    sharedFrenchMobile: '+33612345678',
    /** Lead `bueromoebel`, stored as `+49 (0)89 1234 5678`. */
    bueromoebel: '+498912345678',
    /** Nobody has it. */
    unknown: '+33999999999',
    /** Lumière & Co: Hugo's lead `lumiereShowroom` and Camille's `lumiereReception` (hidden from Hugo). */
    lumiere: '+33478421730',
    /** Only Lucas's lead `globalSolutions`: no record Hugo may read has it. */
    globalSolutions: '+18134945005',
  },
} as const;

export const DEFAULT_DB = 'odoo_test';

/** The company every user belongs to; its country parses numbers of records without one. */
export const COMPANY = { id: SEED.company.yourCompany, name: 'YourCompany', country: 'US' as CountryCode };

export const COUNTRIES: readonly { id: number; code: CountryCode; name: string; phoneCode: number }[] = [
  { id: 20, code: 'BE', name: 'Belgium', phoneCode: 32 },
  { id: 43, code: 'CH', name: 'Switzerland', phoneCode: 41 },
  { id: 57, code: 'DE', name: 'Germany', phoneCode: 49 },
  { id: 68, code: 'ES', name: 'Spain', phoneCode: 34 },
  { id: 75, code: 'FR', name: 'France', phoneCode: 33 },
  { id: 231, code: 'GB', name: 'United Kingdom', phoneCode: 44 },
  { id: 109, code: 'IT', name: 'Italy', phoneCode: 39 },
  { id: 165, code: 'NL', name: 'Netherlands', phoneCode: 31 },
  { id: 233, code: 'US', name: 'United States', phoneCode: 1 },
];

/** Translations of the few translatable names the worker may show (stages, activity types). */
export const TRANSLATIONS: Record<Exclude<OdooLang, 'en_US'>, Record<string, string>> = {
  fr_FR: {
    New: 'Nouveau',
    Qualified: 'Qualifié',
    Proposition: 'Proposition',
    Won: 'Gagné',
    Email: 'E-mail',
    Call: 'Appel',
    Meeting: 'Réunion',
    'To-Do': 'À faire',
    Discussions: 'Discussions',
    Note: 'Note',
    Activities: 'Activités',
    'Too expensive': 'Trop cher',
  },
};

export const STAGES = [
  { id: SEED.stages.new, name: 'New', sequence: 1, isWon: false, xmlid: 'crm.stage_lead1' },
  { id: SEED.stages.qualified, name: 'Qualified', sequence: 2, isWon: false, xmlid: 'crm.stage_lead2' },
  { id: SEED.stages.proposition, name: 'Proposition', sequence: 3, isWon: false, xmlid: 'crm.stage_lead3' },
  { id: SEED.stages.won, name: 'Won', sequence: 70, isWon: true, xmlid: 'crm.stage_lead4' },
] as const;

export const ACTIVITY_TYPES = [
  {
    id: SEED.activityTypes.email,
    name: 'Email',
    icon: 'fa-envelope',
    category: 'default',
    xmlid: 'mail.mail_activity_data_email',
  },
  {
    id: SEED.activityTypes.call,
    name: 'Call',
    icon: 'fa-phone',
    category: 'phonecall',
    xmlid: 'mail.mail_activity_data_call',
  },
  {
    id: SEED.activityTypes.meeting,
    name: 'Meeting',
    icon: 'fa-users',
    category: 'meeting',
    xmlid: 'mail.mail_activity_data_meeting',
  },
  {
    id: SEED.activityTypes.todo,
    name: 'To-Do',
    icon: 'fa-check',
    category: 'default',
    xmlid: 'mail.mail_activity_data_todo',
  },
] as const;

export const SUBTYPES = [
  { id: SEED.subtypes.discussions, name: 'Discussions', internal: false, xmlid: 'mail.mt_comment' },
  { id: SEED.subtypes.note, name: 'Note', internal: true, xmlid: 'mail.mt_note' },
  { id: SEED.subtypes.activities, name: 'Activities', internal: true, xmlid: 'mail.mt_activities' },
  { id: SEED.subtypes.leadCreated, name: 'Lead Created', internal: true, xmlid: 'crm.mt_lead_create' },
] as const;

export const LOST_REASONS = [
  { id: SEED.lostReasons.tooExpensive, name: 'Too expensive' },
  { id: SEED.lostReasons.noSkills, name: "We don't have people/skills" },
  { id: SEED.lostReasons.notEnoughStock, name: 'Not enough stock' },
] as const;

/** The groups the stand-in knows, by Odoo 17 xml id. */
export type GroupXmlid =
  | 'base.group_user'
  | 'base.group_erp_manager'
  | 'base.group_system'
  | 'base.group_partner_manager'
  | 'base.group_portal'
  | 'base.group_public'
  | 'sales_team.group_sale_salesman'
  | 'sales_team.group_sale_salesman_all_leads'
  | 'sales_team.group_sale_manager';

export interface SeedGroup {
  id: number;
  xmlid: GroupXmlid;
  name: string;
  /** The application (`category_id`): the group's full name is `Category / Name`. */
  category: string;
  /** `implied_ids`: members of this group are members of these too (transitively). */
  implies: readonly GroupXmlid[];
  /** Portal and public groups: their users are `share` users. */
  share: boolean;
}

/**
 * Odoo 17's own groups (base, sales_team), with their names and implications: base_groups.xml
 * and sales_team_security.xml. "User: All Documents" implies "Own Documents Only", which implies
 * "Internal User"; a user in a group is in every group it implies.
 */
export const GROUPS: readonly SeedGroup[] = [
  {
    id: SEED.groups.internalUser,
    xmlid: 'base.group_user',
    name: 'Internal User',
    category: 'User types',
    implies: [],
    share: false,
  },
  {
    id: SEED.groups.accessRights,
    xmlid: 'base.group_erp_manager',
    name: 'Access Rights',
    category: 'Administration',
    implies: ['base.group_user'],
    share: false,
  },
  {
    id: SEED.groups.settings,
    xmlid: 'base.group_system',
    name: 'Settings',
    category: 'Administration',
    implies: ['base.group_erp_manager'],
    share: false,
  },
  {
    id: SEED.groups.contactCreation,
    xmlid: 'base.group_partner_manager',
    name: 'Contact Creation',
    category: 'Extra Rights',
    implies: [],
    share: false,
  },
  {
    id: SEED.groups.portal,
    xmlid: 'base.group_portal',
    name: 'Portal',
    category: 'User types',
    implies: [],
    share: true,
  },
  {
    id: SEED.groups.public,
    xmlid: 'base.group_public',
    name: 'Public',
    category: 'User types',
    implies: [],
    share: true,
  },
  {
    id: SEED.groups.salesOwnDocuments,
    xmlid: 'sales_team.group_sale_salesman',
    name: 'User: Own Documents Only',
    category: 'Sales',
    implies: ['base.group_user'],
    share: false,
  },
  {
    id: SEED.groups.salesAllDocuments,
    xmlid: 'sales_team.group_sale_salesman_all_leads',
    name: 'User: All Documents',
    category: 'Sales',
    implies: ['sales_team.group_sale_salesman'],
    share: false,
  },
  {
    id: SEED.groups.salesAdministrator,
    xmlid: 'sales_team.group_sale_manager',
    name: 'Administrator',
    category: 'Sales',
    implies: ['sales_team.group_sale_salesman_all_leads'],
    share: false,
  },
];

export interface SeedUser {
  id: number;
  name: string;
  login: string;
  partnerId: number;
  lang: OdooLang;
  tz: string;
  active: boolean;
  /** The groups given to the user; those they imply follow (see GROUPS). */
  groups: readonly GroupXmlid[];
  /** `null`: cannot log in with a password (service accounts, OdooBot). */
  password: string | null;
  /** An Odoo API key (40 hex characters); works wherever the password does on `/jsonrpc`. */
  apiKey: string | null;
  xmlid?: string;
}

/** Obviously fake API keys: 40 hex digits, all zero but the user id at the end. */
const fakeApiKey = (uid: number): string => String(uid).padStart(40, '0');

/** What every salesperson of the company has (Odoo's default user template adds "Contact Creation"). */
const ALL_DOCUMENTS: readonly GroupXmlid[] = [
  'sales_team.group_sale_salesman_all_leads',
  'base.group_partner_manager',
];

export const USERS: readonly SeedUser[] = [
  {
    id: SEED.users.odooBot,
    name: 'OdooBot',
    login: '__system__',
    partnerId: SEED.partners.odooBot,
    lang: 'en_US',
    tz: 'Europe/Brussels',
    active: false,
    groups: ['base.group_system', 'sales_team.group_sale_manager', 'base.group_partner_manager'],
    password: null,
    apiKey: null,
    xmlid: 'base.user_root',
  },
  {
    id: SEED.users.admin,
    name: 'Mitchell Admin',
    login: 'admin',
    partnerId: SEED.partners.admin,
    lang: 'en_US',
    tz: 'Europe/Brussels',
    active: true,
    groups: ['base.group_system', 'sales_team.group_sale_manager', 'base.group_partner_manager'],
    password: 'admin-standin-password',
    apiKey: fakeApiKey(SEED.users.admin),
    xmlid: 'base.user_admin',
  },
  {
    id: SEED.users.marc,
    name: 'Marc Demo',
    login: 'demo',
    partnerId: SEED.partners.marc,
    lang: 'en_US',
    tz: 'Europe/Brussels',
    active: true,
    groups: ALL_DOCUMENTS,
    password: 'marc-standin-password',
    apiKey: fakeApiKey(SEED.users.marc),
    xmlid: 'base.user_demo',
  },
  {
    id: SEED.users.camille,
    name: 'Camille Martin',
    login: 'camille.martin@example.com',
    partnerId: SEED.partners.camille,
    lang: 'fr_FR',
    tz: 'Europe/Paris',
    active: true,
    groups: ALL_DOCUMENTS,
    password: 'camille-standin-password',
    apiKey: fakeApiKey(SEED.users.camille),
  },
  {
    id: SEED.users.lucas,
    name: 'Lucas Dubois',
    login: 'lucas.dubois@example.com',
    partnerId: SEED.partners.lucas,
    lang: 'fr_FR',
    tz: 'Europe/Paris',
    active: true,
    groups: ALL_DOCUMENTS,
    password: 'lucas-standin-password',
    apiKey: fakeApiKey(SEED.users.lucas),
  },
  {
    id: SEED.users.sarah,
    name: 'Sarah Johnson',
    login: 'sarah.johnson@example.com',
    partnerId: SEED.partners.sarah,
    lang: 'en_US',
    tz: 'Europe/London',
    active: true,
    groups: ALL_DOCUMENTS,
    password: 'sarah-standin-password',
    apiKey: fakeApiKey(SEED.users.sarah),
  },
  {
    id: SEED.users.julien,
    name: 'Julien Leroy',
    login: 'julien.leroy@example.com',
    partnerId: SEED.partners.julien,
    lang: 'fr_FR',
    tz: 'Europe/Paris',
    active: false,
    groups: ALL_DOCUMENTS,
    password: 'julien-standin-password',
    apiKey: fakeApiKey(SEED.users.julien),
  },
  {
    id: SEED.users.service,
    name: 'Click-to-Call Worker',
    login: 'click2call-worker',
    partnerId: SEED.partners.service,
    lang: 'en_US',
    tz: 'UTC',
    active: true,
    groups: ALL_DOCUMENTS,
    password: null,
    apiKey: fakeApiKey(SEED.users.service),
  },
  {
    id: SEED.users.hugo,
    name: 'Hugo Petit',
    login: 'hugo.petit@example.com',
    partnerId: SEED.partners.hugo,
    lang: 'fr_FR',
    tz: 'Europe/Paris',
    active: true,
    groups: ['sales_team.group_sale_salesman', 'base.group_partner_manager'],
    password: 'hugo-standin-password',
    apiKey: fakeApiKey(SEED.users.hugo),
  },
  {
    id: SEED.users.addison,
    name: 'Addison Olson',
    login: 'addison.olson28@example.com',
    partnerId: SEED.partners.addisonOlson,
    lang: 'en_US',
    tz: 'America/New_York',
    active: true,
    groups: ['base.group_portal'],
    password: 'addison-standin-password',
    apiKey: fakeApiKey(SEED.users.addison),
  },
  {
    id: SEED.users.claire,
    name: 'Claire Lambert',
    login: 'claire.lambert@example.com',
    partnerId: SEED.partners.claire,
    lang: 'en_US',
    tz: 'Europe/Paris',
    active: true,
    groups: ['base.group_user', 'base.group_partner_manager'],
    password: 'claire-standin-password',
    apiKey: fakeApiKey(SEED.users.claire),
  },
];

export interface SeedPartner {
  id: number;
  name: string;
  isCompany: boolean;
  parentId?: number;
  function?: string;
  phone?: string;
  mobile?: string;
  email?: string;
  country?: CountryCode;
  city?: string;
  lang?: OdooLang;
  /** Salesperson (`user_id`). */
  salespersonId?: number;
  createdDaysAgo: number;
  updatedMinutesAgo: number;
  xmlid?: string;
}

export const PARTNERS: readonly SeedPartner[] = [
  {
    id: SEED.partners.yourCompany,
    name: 'YourCompany',
    isCompany: true,
    phone: '+1 555-555-5556',
    email: 'info@yourcompany.example.com',
    country: 'US',
    city: 'Tracy',
    createdDaysAgo: 400,
    updatedMinutesAgo: 400 * 1440,
    xmlid: 'base.main_partner',
  },
  {
    id: SEED.partners.odooBot,
    name: 'OdooBot',
    isCompany: false,
    email: 'odoobot@example.com',
    createdDaysAgo: 400,
    updatedMinutesAgo: 400 * 1440,
    xmlid: 'base.partner_root',
  },
  {
    id: SEED.partners.admin,
    name: 'Mitchell Admin',
    isCompany: false,
    parentId: SEED.partners.yourCompany,
    email: 'admin@yourcompany.example.com',
    country: 'US',
    createdDaysAgo: 400,
    updatedMinutesAgo: 300 * 1440,
    xmlid: 'base.partner_admin',
  },
  {
    id: SEED.partners.marc,
    name: 'Marc Demo',
    isCompany: false,
    parentId: SEED.partners.yourCompany,
    email: 'mark.brown23@example.com',
    country: 'US',
    createdDaysAgo: 400,
    updatedMinutesAgo: 300 * 1440,
    xmlid: 'base.partner_demo',
  },
  {
    id: SEED.partners.decoAddict,
    name: 'Deco Addict',
    isCompany: true,
    phone: '+32 10 588 558',
    email: 'deco_addict@yourcompany.example.com',
    country: 'BE',
    city: 'Wavre',
    lang: 'en_US',
    salespersonId: SEED.users.marc,
    createdDaysAgo: 200,
    updatedMinutesAgo: 1440,
  },
  {
    id: SEED.partners.addisonOlson,
    name: 'Addison Olson',
    isCompany: false,
    parentId: SEED.partners.decoAddict,
    function: 'Sales Representative',
    phone: '(223)-399-7637',
    email: 'addison.olson28@example.com',
    country: 'US',
    lang: 'en_US',
    salespersonId: SEED.users.marc,
    createdDaysAgo: 200,
    updatedMinutesAgo: 150 * 1440,
  },
  {
    id: SEED.partners.boulangerieMoreau,
    name: 'Boulangerie Moreau SARL',
    isCompany: true,
    phone: '01 42 68 53 00',
    email: 'contact@boulangerie-moreau.example.fr',
    country: 'FR',
    city: 'Paris',
    lang: 'fr_FR',
    salespersonId: SEED.users.camille,
    createdDaysAgo: 90,
    updatedMinutesAgo: 20 * 1440,
  },
  {
    id: SEED.partners.elodieMoreau,
    name: 'Élodie Moreau',
    isCompany: false,
    parentId: SEED.partners.boulangerieMoreau,
    function: 'Gérante',
    mobile: '06.71.23.45.89',
    email: 'elodie@boulangerie-moreau.example.fr',
    country: 'FR',
    lang: 'fr_FR',
    salespersonId: SEED.users.camille,
    createdDaysAgo: 90,
    updatedMinutesAgo: 19 * 1440,
  },
  {
    id: SEED.partners.brauhausSchmidt,
    name: 'Brauhaus Schmidt GmbH',
    isCompany: true,
    phone: '+49 30 901820',
    email: 'info@brauhaus-schmidt.example.de',
    country: 'DE',
    city: 'Berlin',
    lang: 'en_US',
    salespersonId: SEED.users.sarah,
    createdDaysAgo: 120,
    updatedMinutesAgo: 30 * 1440,
  },
  {
    id: SEED.partners.jonasSchmidt,
    name: 'Jonas Schmidt',
    isCompany: false,
    parentId: SEED.partners.brauhausSchmidt,
    function: 'Einkauf',
    mobile: '+49 151 23456789',
    email: 'jonas@brauhaus-schmidt.example.de',
    country: 'DE',
    lang: 'en_US',
    salespersonId: SEED.users.sarah,
    createdDaysAgo: 120,
    updatedMinutesAgo: 29 * 1440,
  },
  {
    id: SEED.partners.helvetiaPrecision,
    name: 'Helvetia Précision SA',
    isCompany: true,
    phone: '+41 22 730 51 11',
    email: 'office@helvetia-precision.example.ch',
    country: 'CH',
    city: 'Genève',
    lang: 'fr_FR',
    salespersonId: SEED.users.lucas,
    createdDaysAgo: 60,
    updatedMinutesAgo: 10 * 1440,
  },
  {
    id: SEED.partners.lucaBernasconi,
    name: 'Luca Bernasconi',
    isCompany: false,
    parentId: SEED.partners.helvetiaPrecision,
    function: 'Facility Manager',
    mobile: '+41 79 123 45 67',
    email: 'luca.bernasconi@helvetia-precision.example.ch',
    country: 'CH',
    lang: 'fr_FR',
    salespersonId: SEED.users.lucas,
    createdDaysAgo: 60,
    updatedMinutesAgo: 9 * 1440,
  },
  {
    id: SEED.partners.thamesOffice,
    name: 'Thames Office Supplies Ltd',
    isCompany: true,
    phone: '+44 20 7946 0958',
    email: 'sales@thames-office.example.co.uk',
    country: 'GB',
    city: 'London',
    lang: 'en_US',
    salespersonId: SEED.users.sarah,
    createdDaysAgo: 45,
    updatedMinutesAgo: 5 * 1440,
  },
  {
    id: SEED.partners.nadiaElAmrani,
    name: 'Nadia El Amrani',
    isCompany: false,
    mobile: '0478/22.33.44',
    email: 'nadia.elamrani@example.be',
    country: 'BE',
    city: 'Bruxelles',
    lang: 'fr_FR',
    salespersonId: SEED.users.lucas,
    createdDaysAgo: 12,
    updatedMinutesAgo: 3 * 1440,
  },
  {
    id: SEED.partners.mueblesAlameda,
    name: 'Muebles Alameda S.L.',
    isCompany: true,
    phone: '+34 912 34 56 78',
    email: 'compras@muebles-alameda.example.es',
    country: 'ES',
    city: 'Madrid',
    lang: 'en_US',
    salespersonId: SEED.users.camille,
    createdDaysAgo: 75,
    updatedMinutesAgo: 8 * 1440,
  },
  {
    id: SEED.partners.azureInterior,
    name: 'Azure Interior',
    isCompany: true,
    phone: '(870)-931-0505',
    email: 'azure.Interior24@example.com',
    country: 'US',
    city: 'Fremont',
    lang: 'en_US',
    salespersonId: SEED.users.marc,
    createdDaysAgo: 200,
    updatedMinutesAgo: 40 * 1440,
  },
  {
    id: SEED.partners.brandonFreeman,
    name: 'Brandon Freeman',
    isCompany: false,
    parentId: SEED.partners.azureInterior,
    function: 'Creative Director',
    mobile: '+1 (646) 555-3890',
    email: 'brandon.freeman55@example.com',
    country: 'US',
    lang: 'en_US',
    salespersonId: SEED.users.marc,
    createdDaysAgo: 200,
    updatedMinutesAgo: 39 * 1440,
  },
  ...(
    [
      [SEED.partners.camille, 'Camille Martin', 'camille.martin@example.com', 'fr_FR'],
      [SEED.partners.lucas, 'Lucas Dubois', 'lucas.dubois@example.com', 'fr_FR'],
      [SEED.partners.sarah, 'Sarah Johnson', 'sarah.johnson@example.com', 'en_US'],
      [SEED.partners.julien, 'Julien Leroy', 'julien.leroy@example.com', 'fr_FR'],
      [SEED.partners.service, 'Click-to-Call Worker', 'click2call-worker@example.com', 'en_US'],
      [SEED.partners.hugo, 'Hugo Petit', 'hugo.petit@example.com', 'fr_FR'],
      [SEED.partners.claire, 'Claire Lambert', 'claire.lambert@example.com', 'en_US'],
    ] as const
  ).map(
    ([id, name, email, lang]): SeedPartner => ({
      id,
      name,
      isCompany: false,
      parentId: SEED.partners.yourCompany,
      email,
      lang,
      createdDaysAgo: 100,
      updatedMinutesAgo: 100 * 1440,
    }),
  ),
];

export interface SeedLead {
  id: number;
  name: string;
  type: 'lead' | 'opportunity';
  stageId: number;
  probability: number;
  expectedRevenue: number;
  priority: '0' | '1' | '2' | '3';
  salespersonId?: number;
  partnerId?: number;
  /** Company name typed on the lead. */
  partnerName?: string;
  contactName?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  country?: CountryCode;
  city?: string;
  /** Lost leads are archived (`active: false`) with a reason. */
  lostReasonId?: number;
  createdDaysAgo: number;
  updatedMinutesAgo: number;
}

export const LEADS: readonly SeedLead[] = [
  {
    id: SEED.leads.clubOffice,
    name: 'Club Office Furnitures',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 5.58,
    expectedRevenue: 0,
    priority: '2',
    salespersonId: SEED.users.camille,
    partnerName: 'Le Club SARL',
    contactName: 'J. Dunagan',
    email: 'jdunagan@leclub.example.com',
    phone: '+33 1 25 54 45 69',
    country: 'FR',
    city: 'Bordeaux',
    createdDaysAgo: 30,
    updatedMinutesAgo: 2 * 1440,
  },
  {
    id: SEED.leads.designSoftware,
    name: 'Design Software',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '1',
    salespersonId: SEED.users.lucas,
    partnerName: 'Studio Girard',
    contactName: 'Pauline Girard',
    email: 'pauline@studio-girard.example.fr',
    mobile: '+33 6 12 34 56 78',
    country: 'FR',
    city: 'Lyon',
    createdDaysAgo: 25,
    updatedMinutesAgo: 4 * 1440,
  },
  {
    id: SEED.leads.moreauDesks,
    name: 'Boulangerie Moreau: Pricing for 25 desks',
    type: 'opportunity',
    stageId: SEED.stages.qualified,
    probability: 30,
    expectedRevenue: 12500,
    priority: '1',
    salespersonId: SEED.users.camille,
    partnerId: SEED.partners.boulangerieMoreau,
    email: 'contact@boulangerie-moreau.example.fr',
    phone: '01 42 68 53 00',
    country: 'FR',
    city: 'Paris',
    createdDaysAgo: 20,
    updatedMinutesAgo: 3 * 1440,
  },
  {
    id: SEED.leads.elodieChairs,
    name: 'Élodie Moreau: Office chairs',
    type: 'opportunity',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 3200,
    priority: '0',
    salespersonId: SEED.users.camille,
    partnerId: SEED.partners.elodieMoreau,
    email: 'elodie@boulangerie-moreau.example.fr',
    mobile: '06.71.23.45.89',
    country: 'FR',
    createdDaysAgo: 18,
    updatedMinutesAgo: 6 * 1440,
  },
  {
    id: SEED.leads.schmidtTables,
    name: 'Brauhaus Schmidt: Quote for 12 Tables',
    type: 'opportunity',
    stageId: SEED.stages.proposition,
    probability: 70,
    expectedRevenue: 40000,
    priority: '2',
    salespersonId: SEED.users.sarah,
    partnerId: SEED.partners.brauhausSchmidt,
    email: 'info@brauhaus-schmidt.example.de',
    phone: '+49 30 901820',
    country: 'DE',
    city: 'Berlin',
    createdDaysAgo: 40,
    updatedMinutesAgo: 5 * 1440,
  },
  {
    id: SEED.leads.schmidtBarStools,
    name: 'Brauhaus Schmidt: 40 Bar Stools',
    type: 'opportunity',
    stageId: SEED.stages.won,
    probability: 100,
    expectedRevenue: 8800,
    priority: '1',
    salespersonId: SEED.users.sarah,
    partnerId: SEED.partners.brauhausSchmidt,
    email: 'info@brauhaus-schmidt.example.de',
    phone: '+49 30 901820',
    country: 'DE',
    city: 'Berlin',
    createdDaysAgo: 100,
    // Won more recently than the open `schmidtTables` was touched: "most recently updated open
    // lead" must skip it.
    updatedMinutesAgo: 1 * 1440,
  },
  {
    id: SEED.leads.helvetiaOpenSpace,
    name: 'Helvetia Précision: Modern Open Space',
    type: 'opportunity',
    stageId: SEED.stages.qualified,
    probability: 40,
    expectedRevenue: 56000,
    priority: '3',
    salespersonId: SEED.users.lucas,
    partnerId: SEED.partners.helvetiaPrecision,
    email: 'office@helvetia-precision.example.ch',
    phone: '+41 22 730 51 11',
    country: 'CH',
    city: 'Genève',
    createdDaysAgo: 35,
    updatedMinutesAgo: 7 * 1440,
  },
  {
    id: SEED.leads.bernasconiDesks,
    name: 'Luca Bernasconi: Need 20 Desks',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '1',
    salespersonId: SEED.users.lucas,
    partnerId: SEED.partners.lucaBernasconi,
    contactName: 'Luca Bernasconi',
    email: 'luca.bernasconi@helvetia-precision.example.ch',
    mobile: '+41 79 123 45 67',
    country: 'CH',
    createdDaysAgo: 9,
    updatedMinutesAgo: 8 * 1440,
  },
  {
    id: SEED.leads.thamesDistributor,
    name: 'Thames Office Supplies: Distributor Contract',
    type: 'opportunity',
    stageId: SEED.stages.proposition,
    probability: 60,
    expectedRevenue: 75000,
    priority: '2',
    salespersonId: SEED.users.sarah,
    partnerId: SEED.partners.thamesOffice,
    email: 'sales@thames-office.example.co.uk',
    phone: '+44 20 7946 0958',
    country: 'GB',
    city: 'London',
    createdDaysAgo: 44,
    updatedMinutesAgo: 9 * 1440,
  },
  {
    id: SEED.leads.chairs600,
    name: 'Quote for 600 Chairs',
    type: 'opportunity',
    stageId: SEED.stages.new,
    probability: 20,
    expectedRevenue: 22500,
    priority: '1',
    salespersonId: SEED.users.marc,
    partnerName: 'Northern Workspace Ltd',
    contactName: 'Robin Smith',
    email: 'robin.smith@northern-workspace.example.co.uk',
    phone: '0161 496 0123',
    country: 'GB',
    city: 'Manchester',
    createdDaysAgo: 15,
    updatedMinutesAgo: 10 * 1440,
  },
  {
    id: SEED.leads.nadiaHomeOffice,
    name: 'Nadia El Amrani: Home office set',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '0',
    salespersonId: SEED.users.lucas,
    partnerId: SEED.partners.nadiaElAmrani,
    contactName: 'Nadia El Amrani',
    email: 'nadia.elamrani@example.be',
    mobile: '0478/22.33.44',
    country: 'BE',
    city: 'Bruxelles',
    createdDaysAgo: 11,
    updatedMinutesAgo: 11 * 1440,
  },
  {
    id: SEED.leads.alamedaCustomDesks,
    name: 'Muebles Alameda: Custom Desks (100 pieces)',
    type: 'opportunity',
    stageId: SEED.stages.qualified,
    probability: 35,
    expectedRevenue: 64000,
    priority: '2',
    salespersonId: SEED.users.camille,
    partnerId: SEED.partners.mueblesAlameda,
    email: 'compras@muebles-alameda.example.es',
    phone: '+34 912 34 56 78',
    mobile: '+34 612 34 56 78',
    country: 'ES',
    city: 'Madrid',
    createdDaysAgo: 50,
    updatedMinutesAgo: 12 * 1440,
  },
  {
    id: SEED.leads.azureVpChairs,
    name: 'Azure Interior: 5 VP Chairs',
    type: 'opportunity',
    stageId: SEED.stages.proposition,
    probability: 65,
    expectedRevenue: 5600,
    priority: '1',
    salespersonId: SEED.users.marc,
    partnerId: SEED.partners.azureInterior,
    email: 'azure.Interior24@example.com',
    phone: '(870)-931-0505',
    country: 'US',
    city: 'Fremont',
    createdDaysAgo: 60,
    updatedMinutesAgo: 13 * 1440,
  },
  {
    id: SEED.leads.officeDesign,
    name: 'Office Design Project',
    type: 'opportunity',
    stageId: SEED.stages.new,
    probability: 8.33,
    expectedRevenue: 24000,
    priority: '2',
    salespersonId: SEED.users.marc,
    partnerId: SEED.partners.decoAddict,
    email: 'deco_addict@yourcompany.example.com',
    phone: '+32 10 588 558',
    country: 'BE',
    city: 'Wavre',
    createdDaysAgo: 30,
    updatedMinutesAgo: 90,
  },
  {
    id: SEED.leads.decoShowroom,
    name: 'Deco Addict: Showroom Chairs',
    type: 'opportunity',
    stageId: SEED.stages.qualified,
    probability: 30,
    expectedRevenue: 9800,
    priority: '1',
    salespersonId: SEED.users.camille,
    partnerId: SEED.partners.decoAddict,
    email: 'deco_addict@yourcompany.example.com',
    phone: '0032 10 588 558',
    country: 'BE',
    city: 'Wavre',
    createdDaysAgo: 28,
    updatedMinutesAgo: 2 * 1440 + 30,
  },
  {
    id: SEED.leads.decoCarpetLost,
    name: 'Deco Addict: Carpet Renewal',
    type: 'opportunity',
    stageId: SEED.stages.new,
    probability: 0,
    expectedRevenue: 4000,
    priority: '0',
    salespersonId: SEED.users.marc,
    partnerId: SEED.partners.decoAddict,
    email: 'deco_addict@yourcompany.example.com',
    phone: '+32 10 58 85 58',
    country: 'BE',
    lostReasonId: SEED.lostReasons.tooExpensive,
    createdDaysAgo: 80,
    // The most recent of the three: only `active` keeps it out of look-ups.
    updatedMinutesAgo: 30,
  },
  {
    id: SEED.leads.websiteInquiry,
    name: 'Website inquiry: pricing',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '0',
    salespersonId: SEED.users.sarah,
    contactName: 'Henry Jordan',
    email: 'henry@elight.example.com',
    createdDaysAgo: 2,
    updatedMinutesAgo: 2 * 1440 - 60,
  },
  {
    id: SEED.leads.infoServices,
    name: 'Info about services',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '0',
    partnerName: 'Rediff Traders',
    contactName: 'Will McEncroe',
    email: 'willmac@rediffmail.example.com',
    phone: '+1 555 754 3010',
    country: 'US',
    createdDaysAgo: 5,
    updatedMinutesAgo: 5 * 1440 - 60,
  },
  {
    id: SEED.leads.freemanCarpets,
    name: 'Brandon Freeman: Quote for 150 carpets',
    type: 'opportunity',
    stageId: SEED.stages.qualified,
    probability: 30,
    expectedRevenue: 15000,
    priority: '1',
    salespersonId: SEED.users.sarah,
    partnerId: SEED.partners.brandonFreeman,
    email: 'brandon.freeman55@example.com',
    phone: '(415) 555-0132',
    country: 'US',
    city: 'San Francisco',
    createdDaysAgo: 22,
    updatedMinutesAgo: 14 * 1440,
  },
  {
    id: SEED.leads.globalSolutions,
    name: 'Global Solutions: Furnitures',
    type: 'opportunity',
    stageId: SEED.stages.proposition,
    probability: 55,
    expectedRevenue: 31000,
    priority: '2',
    salespersonId: SEED.users.lucas,
    partnerName: 'Global Solutions Inc.',
    contactName: 'John M. Brown',
    email: 'john.b@tech.example.com',
    phone: '+1 813 494 5005',
    country: 'US',
    city: 'Tampa',
    createdDaysAgo: 33,
    updatedMinutesAgo: 15 * 1440,
  },
  {
    id: SEED.leads.bueromoebel,
    name: 'Bayerische Büromöbel: Meeting room',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '1',
    salespersonId: SEED.users.camille,
    partnerName: 'Bayerische Büromöbel AG',
    contactName: 'Anna Weber',
    email: 'a.weber@bueromoebel.example.de',
    phone: '+49 (0)89 1234 5678',
    country: 'DE',
    city: 'München',
    createdDaysAgo: 7,
    updatedMinutesAgo: 16 * 1440,
  },
  {
    id: SEED.leads.patisserieStools,
    name: 'Pâtisserie Lefèvre: Counter stools',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '0',
    salespersonId: SEED.users.camille,
    partnerName: 'Pâtisserie Lefèvre',
    contactName: 'Léa Lefèvre',
    email: 'lea@patisserie-lefevre.example.fr',
    mobile: '+33 6 12 34 56 78',
    country: 'FR',
    city: 'Lille',
    createdDaysAgo: 3,
    updatedMinutesAgo: 17 * 1440,
  },
  {
    id: SEED.leads.lumiereShowroom,
    name: 'Lumière & Co: Showroom lighting',
    type: 'opportunity',
    stageId: SEED.stages.qualified,
    probability: 40,
    expectedRevenue: 18000,
    priority: '1',
    salespersonId: SEED.users.hugo,
    partnerName: 'Lumière & Co',
    contactName: 'Sophie Roux',
    email: 'sophie.roux@lumiere-co.example.fr',
    phone: '+33 4 78 42 17 30',
    country: 'FR',
    city: 'Lyon',
    createdDaysAgo: 12,
    updatedMinutesAgo: 18 * 1440,
  },
  {
    id: SEED.leads.lumiereReception,
    name: 'Lumière & Co: Reception desks',
    type: 'lead',
    stageId: SEED.stages.new,
    probability: 10,
    expectedRevenue: 0,
    priority: '0',
    // Camille's: Hugo, who has the same company's number on his own lead, may not read it.
    salespersonId: SEED.users.camille,
    partnerName: 'Lumière & Co',
    contactName: 'Marc Roux',
    email: 'marc.roux@lumiere-co.example.fr',
    phone: '+33 4 78 42 17 30',
    country: 'FR',
    city: 'Lyon',
    createdDaysAgo: 6,
    updatedMinutesAgo: 19 * 1440,
  },
];

export interface SeedActivity {
  id: number;
  model: 'crm.lead' | 'res.partner';
  resId: number;
  typeId: number;
  summary: string;
  note?: string;
  /** 0 = due today (in the assignee's time zone), negative = overdue. */
  dueInDays: number;
  userId: number;
  createdDaysAgo: number;
}

export const ACTIVITIES: readonly SeedActivity[] = [
  {
    id: SEED.activities.officeDesignCallToday,
    model: 'crm.lead',
    resId: SEED.leads.officeDesign,
    typeId: SEED.activityTypes.call,
    summary: 'Follow up on the quote',
    dueInDays: 0,
    userId: SEED.users.marc,
    createdDaysAgo: 3,
  },
  {
    id: SEED.activities.officeDesignCatalogEmail,
    model: 'crm.lead',
    resId: SEED.leads.officeDesign,
    typeId: SEED.activityTypes.email,
    summary: 'Send Catalog by Email',
    dueInDays: 3,
    userId: SEED.users.admin,
    createdDaysAgo: 1,
  },
  {
    id: SEED.activities.moreauCallOverdue,
    model: 'crm.lead',
    resId: SEED.leads.moreauDesks,
    typeId: SEED.activityTypes.call,
    summary: 'Rappeler pour le prix des bureaux',
    note: '<p>Elle attend notre meilleure offre.</p>',
    dueInDays: -2,
    userId: SEED.users.camille,
    createdDaysAgo: 6,
  },
  {
    id: SEED.activities.schmidtCallFuture,
    model: 'crm.lead',
    resId: SEED.leads.schmidtTables,
    typeId: SEED.activityTypes.call,
    summary: 'Confirm delivery date',
    dueInDays: 4,
    userId: SEED.users.sarah,
    createdDaysAgo: 2,
  },
  {
    id: SEED.activities.thamesMeeting,
    model: 'crm.lead',
    resId: SEED.leads.thamesDistributor,
    typeId: SEED.activityTypes.meeting,
    summary: 'Contract review',
    dueInDays: 1,
    userId: SEED.users.sarah,
    createdDaysAgo: 4,
  },
  {
    id: SEED.activities.brauhausPartnerCallOverdue,
    model: 'res.partner',
    resId: SEED.partners.brauhausSchmidt,
    typeId: SEED.activityTypes.call,
    summary: 'Check the invoice address',
    dueInDays: -1,
    userId: SEED.users.sarah,
    createdDaysAgo: 5,
  },
  {
    id: SEED.activities.decoShowroomCallOverdue,
    model: 'crm.lead',
    resId: SEED.leads.decoShowroom,
    typeId: SEED.activityTypes.call,
    summary: 'Relancer pour les chaises',
    dueInDays: -5,
    userId: SEED.users.camille,
    createdDaysAgo: 9,
  },
];

/** Notes already in the chatter, on top of the "Lead/Opportunity created" one every lead has. */
export const NOTES: readonly {
  model: 'crm.lead' | 'res.partner';
  resId: number;
  authorPartnerId: number;
  body: string;
  daysAgo: number;
}[] = [
  {
    model: 'crm.lead',
    resId: SEED.leads.clubOffice,
    authorPartnerId: SEED.partners.camille,
    body: '<p>A demandé le catalogue, rappeler la semaine prochaine.</p>',
    daysAgo: 2,
  },
  {
    model: 'crm.lead',
    resId: SEED.leads.officeDesign,
    authorPartnerId: SEED.partners.marc,
    body: '<p>Quote sent for the open space and two meeting rooms.</p>',
    daysAgo: 1,
  },
];
