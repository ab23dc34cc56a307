/**
 * The country of the record a number belongs to, as the page shows it (the country's name in the
 * user's language, or empty). A national number (`0478/22.33.44`) means nothing without it: the
 * background reads it in this country, and only falls back to the agent's default country when
 * the page shows none. Only the number's own record counts: its list row, else its kanban card,
 * else its form (a dialog's form inside a dialog), never a sub-record's row of another record.
 */
import { SELECTORS } from './selectors';

const RECORD_SCOPE = 'tr.o_data_row, .o_kanban_record, .o_form_view';

function countryText(field: Element): string {
  const input = field.querySelector('input');
  const text = input ? input.value : (field.textContent ?? '');
  return text.trim();
}

export function recordCountryFor(element: Element): string | null {
  const scope = element.closest(RECORD_SCOPE);
  if (!scope) return null;
  const inSubRecords = element.closest(SELECTORS.subRecords.css);
  for (const field of scope.querySelectorAll(SELECTORS.countryField.css)) {
    // A form's country, not that of one of its sub-records (a company's contacts list).
    if (!inSubRecords && field.closest(SELECTORS.subRecords.css)) continue;
    const text = countryText(field);
    return text === '' ? null : text;
  }
  return null;
}
