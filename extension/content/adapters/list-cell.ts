import { foundInText } from '../phone-text';
import { SELECTORS } from '../selectors';
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
 * Cells of phone columns in list views (plain text). The button goes first in the cell so it
 * stays visible when Odoo truncates a narrow column. Rows carry no record id: a click sends the
 * number only.
 */
export const listCellAdapter: Adapter = {
  id: 'list-cell',
  selector: `${SELECTORS.listPhoneCell.css}, ${SELECTORS.listUnnamedCell.css}`,
  accepts: (cell) =>
    cell.querySelector(SELECTORS.fieldWidget.css) === null &&
    (cell.hasAttribute('name') || isUnderPhoneHeader(cell)),
  read: (cell) => foundInText(cell.textContent ?? ''),
  place: (cell, host) => cell.prepend(host),
};
