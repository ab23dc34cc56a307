/** Types shared by the stand-in's database, models and ORM methods. */

export type OdooVersion = '17.0' | '18.3';

/** A stored value. Like Odoo, an empty field is `false`, a many2one is its id, an x2many its ids. */
export type FieldValue = string | number | boolean | number[];

export interface Row {
  id: number;
  [field: string]: FieldValue;
}

/** The `context` kwarg of `execute_kw`: only these keys change what the stand-in answers. */
export interface OdooContext {
  lang?: string;
  tz?: string;
  /** `false`: archived records are searched too (`active_test` of the ORM). */
  active_test?: boolean;
  [key: string]: unknown;
}

/** What computed fields may read. */
export interface RecordSource {
  readonly version: OdooVersion;
  get(model: string, id: number): Row | undefined;
  all(model: string): Row[];
  /** `YYYY-MM-DD` today in a time zone (the user's, for activity states). */
  todayIn(timeZone: string | false | undefined): string;
  displayName(model: string, id: number, context: OdooContext): string;
}

export type FieldType =
  | 'integer'
  | 'float'
  | 'char'
  | 'text'
  | 'html'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many';

export interface FieldDef {
  type: FieldType;
  /** The label Odoo shows (`string` in `fields_get`). */
  string: string;
  /** Comodel of relational fields. */
  relation?: string;
  selection?: readonly (readonly [string, string])[];
  required?: boolean;
  /** Computed at read time; never written. */
  compute?: (row: Row, source: RecordSource, context: OdooContext) => FieldValue;
  /** Odoo stores it (so it can be searched and sorted) even though it is computed. */
  store?: boolean;
  /** A computed, non-stored field Odoo can still search on. */
  searchable?: boolean;
  /** Names shown in the context's language (stages, activity types). */
  translate?: boolean;
  /** Search-only field (`phone_mobile_search`): reading it gives `false`. */
  searchOnly?: boolean;
}

export interface ModelDef {
  name: string;
  /** `_description`, used in access error messages. */
  description: string;
  /** `_order`: the default sort. */
  order: string;
  fields: Record<string, FieldDef>;
  /** Models with a chatter (`mail.thread`): `message_post`, `activity_schedule`. */
  mailThread?: boolean;
  /** `_phone_get_number_fields`, in the order `phone_sanitized` tries them. */
  phoneFields?: readonly string[];
}

export function isStored(field: FieldDef): boolean {
  return !field.searchOnly && (!field.compute || field.store === true);
}
