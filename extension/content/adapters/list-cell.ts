import { foundInText } from '../phone-text';
import { SELECTORS } from '../selectors';
import { isOurHost } from '../shadow';
import type { Adapter } from './adapter';

/** Whether an unnamed data cell sits under a phone column header. */
function isUnderPhoneHeader(cell: Element): boolean {
  const row = cell.parentElement;
  const headerRow = cell.closest(SELECTORS.listTable.css)?.querySelector('thead tr');
  if (!row || !headerRow) return false;
  const column = Array.prototype.indexOf.call(row.children, cell);
  return headerRow.children[column]?.matches(SELECTORS.listPhoneHeader.css) ?? false;
}

/**
 * A cell holding a field widget (an editable row) is the phone-field adapter's. Plain cells
 * hold only text (and our button): checked first, as it is much cheaper than a query.
 */
function holdsNoWidget(cell: Element): boolean {
  const first = cell.firstElementChild;
  if (first === null || (isOurHost(first) && first.nextElementSibling === null)) return true;
  return cell.querySelector(SELECTORS.fieldWidget.css) === null;
}

const readCell = (cell: Element) => foundInText(cell.textContent ?? '');

/**
 * The button goes first in the cell, so it stays visible when Odoo truncates a narrow column.
 * insertBefore rather than prepend(): prepend takes any number of nodes or strings and costs a
 * third more per call, which shows on the 160 cells of a list page.
 */
const placeFirst = (cell: Element, host: HTMLElement): void => {
  cell.insertBefore(host, cell.firstChild);
};

/**
 * Cells of phone columns in list views (plain text). Rows carry no record id: a click sends the
 * number only.
 */
export const listCellAdapter: Adapter = {
  id: 'list-cell',
  selector: SELECTORS.listPhoneCell.css,
  accepts: holdsNoWidget,
  read: readCell,
  place: placeFirst,
};

/** Cells without a name (custom list renderers), in a column whose header is a phone field. */
export const listColumnAdapter: Adapter = {
  id: 'list-column',
  selector: SELECTORS.listUnnamedCell.css,
  accepts: (cell) => holdsNoWidget(cell) && isUnderPhoneHeader(cell),
  read: readCell,
  place: placeFirst,
};
