/**
 * Every Odoo selector the content script relies on, in one place (issue 5). Each one lists the
 * fixture pages of tests/fixtures/odoo/ it must match and how many elements it matches there
 * (`within`: counted inside the elements of that other selector, the way the code uses it).
 * tests/unit/content/selectors.test.ts checks every count, so when Odoo changes its markup one
 * test names the selector that broke. To support new markup: add a fixture modelled on the new
 * page, add or widen a selector here with its counts, and run the test.
 *
 * Variants of one element are written `td.o_data_cell:is([name="phone"], …)` rather than as a
 * list of whole selectors: every new row of a list is queried with them, and a list of N
 * selectors is matched N times against each element (measured: a third less time per row).
 */

export interface OdooSelector {
  readonly css: string;
  /** Fixture file → number of matches (0 is a real expectation: it must NOT match there). */
  readonly fixtures: Readonly<Record<string, number>>;
  /** Name of the selector this one is used inside (counts are summed over its matches). */
  readonly within?: string;
}

/** Every fixture page; most selectors list all of them. */
const FIXTURES = [
  'custom-list-unnamed-cells.html',
  'lead-chatter-17.0.html',
  'lead-form-17.0.html',
  'lead-form-18.0.html',
  'lead-form-empty-17.0.html',
  'lead-form-readonly-17.0.html',
  'lead-kanban-16.0.html',
  'lead-kanban-17.0.html',
  'lead-list-17.0.html',
  'lead-list-grouped-17.0.html',
  'partner-dialog-17.0.html',
  'partner-form-17.0.html',
  'contact-form-country-18.0.html',
  'lead-list-country-18.0.html',
] as const;
export type FixtureName = (typeof FIXTURES)[number];

/** Match counts in FIXTURES order, so each selector's expectations fit on a few lines. */
function counts(...perFixture: number[]): Record<FixtureName, number> {
  if (perFixture.length !== FIXTURES.length) throw new Error('one count per fixture');
  return Object.fromEntries(FIXTURES.map((name, index) => [name, perFixture[index]])) as Record<
    FixtureName,
    number
  >;
}

export const SELECTORS = {
  /** The Odoo web client (backend). Odoo's website and portal pages on the same origin are left alone. */
  webClient: { css: 'body.o_web_client', fixtures: counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1) },

  /**
   * The only parts of the page that are watched for changes: the views (action manager) and the
   * dialogs / chat windows container. Both are children of body; the navbar is not watched.
   */
  watchedRoots: {
    css: 'body > .o_action_manager, body > .o-main-components-container',
    fixtures: counts(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
  },

  /**
   * A phone field: Odoo's phone widget on any model (form, kanban card, editable list row),
   * or a field named phone/mobile shown by another widget (plain char on 17 kanban cards).
   * The number is the input's value when editable, else its tel: link or text.
   */
  phoneField: {
    css: '.o_field_phone, .o_field_widget:is([name="phone"], [name="mobile"])',
    fixtures: counts(0, 1, 2, 1, 2, 2, 0, 3, 0, 0, 2, 3, 1, 0),
  },

  /** Where the button goes inside a phone widget: after Odoo's input and links. */
  phoneFieldSlot: {
    css: '.o_phone_content',
    within: 'phoneField',
    fixtures: counts(0, 1, 2, 1, 2, 1, 0, 1, 0, 0, 2, 3, 1, 0),
  },

  /** The editable input of a phone field: its value is the number, and it follows the user's edits. */
  phoneFieldInput: {
    css: 'input',
    within: 'phoneField',
    fixtures: counts(0, 1, 2, 1, 2, 0, 0, 0, 0, 0, 2, 2, 1, 0),
  },

  /** List cells of phone columns. Plain text; rows carry no record id. */
  listPhoneCell: {
    css: 'td.o_data_cell:is([name="phone"], [name="mobile"], [name="phone_mobile_search"])',
    fixtures: counts(0, 0, 0, 0, 0, 0, 0, 0, 10, 3, 0, 0, 0, 3),
  },

  /** List data cells without a name (custom renderers): their column is read from the header. */
  listUnnamedCell: {
    css: 'tr.o_data_row > td.o_data_cell:not([name])',
    fixtures: counts(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
  },

  /** Headers of phone columns; an unnamed cell under one of them is a phone cell. */
  listPhoneHeader: {
    css: 'th[data-name="phone"], th[data-name="mobile"], th[data-name="phone_mobile_search"]',
    fixtures: counts(1, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 1),
  },

  /** A list's table, to find a cell's column header. */
  listTable: { css: 'table.o_list_table', fixtures: counts(1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1) },

  /** Any Odoo field widget: a list cell that holds one is handled as a phone field, not as text. */
  fieldWidget: {
    css: '.o_field_widget',
    fixtures: counts(0, 1, 5, 2, 3, 3, 0, 8, 0, 0, 3, 6, 4, 0),
  },

  /** `tel:` links anywhere (chatter notes, custom views). Those inside phone fields belong to the field. */
  telLink: { css: 'a[href^="tel:"]', fixtures: counts(0, 2, 2, 1, 0, 1, 0, 1, 0, 0, 1, 2, 1, 0) },

  /**
   * Spans on kanban cards. Only leaf spans outside field widgets whose text is shaped like a
   * phone number get a button: Odoo 16 renders fields without a widget as bare spans.
   */
  kanbanSpan: { css: '.o_kanban_record span', fixtures: counts(0, 0, 0, 0, 0, 0, 10, 9, 0, 0, 0, 1, 0, 0) },

  /** Dialogs: a number there belongs to the record in the dialog, not to the one in the URL. */
  dialog: { css: '.o_dialog, .modal', fixtures: counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0) },

  /** Sub-record fields (a company's contacts): their numbers are not the form record's. */
  subRecords: {
    css: '.o_field_x2many, .o_field_one2many, .o_field_many2many',
    fixtures: counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0),
  },

  /**
   * The record's Country (a form's many2one, a list row's cell): a national number on the page
   * is read in that country, not the agent's default (`0478/22.33.44` on a Belgian contact is
   * +32, not a Lyon number). Its text is the country's name in the user's language.
   */
  countryField: {
    css: ':is(.o_field_widget, td.o_data_cell)[name="country_id"]',
    fixtures: counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3),
  },
} as const satisfies Record<string, OdooSelector>;

export type SelectorName = keyof typeof SELECTORS;
