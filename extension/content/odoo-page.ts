/**
 * Which Odoo record a page shows, from its URL alone (pure functions, test URLs in
 * tests/unit/content/odoo-page.test.ts). Odoo 16 and 17.0 keep the web client's state in the
 * hash (`/web#id=14&model=crm.lead&view_type=form`); 17.2+ and 18 use paths
 * (`/odoo/crm/14`, `/odoo/crm.lead/14`, `/odoo/action-123/14`). Anything not understood gives
 * null: the click then carries the number only and the worker finds the record by number.
 */
import type { RecordContext } from '../../shared/messages';
import { MODEL_NAME, modelOfSegment } from '../lib/odoo-record-url';
import { SELECTORS } from './selectors';

const RECORD_ID = /^[1-9]\d{0,15}$/;

function recordId(value: string | null | undefined): number | null {
  return value && RECORD_ID.test(value) ? Number(value) : null;
}

/** 16 / 17.0: `#id=14&model=crm.lead&view_type=form` (extra keys such as `action`, `cids` ignored). */
function fromHash(hash: string): RecordContext | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const model = params.get('model');
  const id = recordId(params.get('id'));
  const viewType = params.get('view_type');
  if (!model || !MODEL_NAME.test(model) || id === null) return null;
  if (viewType !== null && viewType !== 'form') return null;
  return { model, id };
}

/**
 * 17.2+ / 18: `/odoo/<action or model>[/<id>][/<action or model>[/<id>]]…`. Each non-numeric
 * segment opens a new view (breadcrumbs become path segments); the last one is what the user
 * sees, and it is a record when an id follows it (`new` is an unsaved record: no id).
 */
function fromPath(segments: readonly string[]): RecordContext | null {
  let model: string | null = null;
  let id: number | null = null;
  let inView = false;
  for (const segment of segments) {
    const asId = recordId(segment);
    if (asId !== null) {
      if (inView) id = asId;
    } else if (segment === 'new') {
      id = null;
    } else {
      model = modelOfSegment(segment);
      id = null;
      inView = true;
    }
  }
  return model !== null && id !== null ? { model, id } : null;
}

/** The record a web-client URL shows in a form, or null (list, kanban, new record, unknown app). */
export function recordFromUrl(href: string): RecordContext | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length === 1 && segments[0] === 'web') return fromHash(url.hash);
  if (segments[0] === 'odoo') return fromPath(segments.slice(1));
  return null;
}

/**
 * The record a number found on the page belongs to, if the URL's record is the right one: not
 * in a dialog (another record, e.g. the customer opened from a lead) and not in a sub-record
 * list (a company's contacts). Elsewhere on a form (fields, chatter) it is the form's record.
 */
export function recordContextFor(element: Element, href: string): RecordContext | null {
  if (element.closest(`${SELECTORS.dialog.css}, ${SELECTORS.subRecords.css}`)) return null;
  return recordFromUrl(href);
}

/** Whether the document is Odoo's web client (not its website, portal or login page). */
export function isOdooWebClient(document: Document): boolean {
  return document.body?.matches(SELECTORS.webClient.css) ?? false;
}
