/**
 * A country as a page names it (`Belgium`, `Belgique`, `België`, `BE`) → its ISO code, for reading
 * national numbers in the record's own country. Odoo shows country names in the user's language,
 * which may be neither the browser's nor English, so the names of several languages are tried;
 * the table is built once per language from the browser's own `Intl.DisplayNames` (no list of
 * names to keep up to date) over the countries libphonenumber knows.
 */
import { type CountryCode, getCountries, isSupportedCountry } from 'libphonenumber-js/min';

/** Odoo's names that differ from the browser's (Odoo's `res.country` data, English and French). */
const ODOO_NAMES: Readonly<Record<string, CountryCode>> = {
  'czech republic': 'CZ',
  'republique tcheque': 'CZ',
  turkey: 'TR',
  turquie: 'TR',
  'macedonia, the former yugoslav republic of': 'MK',
  'russian federation': 'RU',
  'korea, republic of': 'KR',
  'viet nam': 'VN',
};

/** Languages whose names are always tried: the team's, and those of Belgium and Switzerland. */
const FALLBACK_LANGUAGES = ['en', 'fr', 'nl', 'de', 'it', 'es'];

const tables = new Map<string, Map<string, CountryCode>>();

/** Lower case, without accents or punctuation: `Côte d’Ivoire` and `cote d'ivoire` meet. */
function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function tableFor(language: string): Map<string, CountryCode> {
  let table = tables.get(language);
  if (table) return table;
  table = new Map();
  try {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const code of getCountries()) {
      const name = names.of(code);
      if (name) table.set(normalise(name), code);
    }
  } catch {
    // An unknown language tag: that language simply offers no names.
  }
  tables.set(language, table);
  return table;
}

/**
 * The code of the country named `name` in one of `languages` (tried in order, then
 * FALLBACK_LANGUAGES), or null when nothing matches: the caller then keeps the agent's default country.
 */
export function countryFromName(name: string, languages: readonly string[] = []): CountryCode | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  if (/^[A-Za-z]{2}$/.test(trimmed) && isSupportedCountry(trimmed.toUpperCase()))
    return trimmed.toUpperCase() as CountryCode;
  const key = normalise(trimmed);
  const known = ODOO_NAMES[key];
  if (known) return known;
  for (const language of [...languages, ...FALLBACK_LANGUAGES]) {
    const code = tableFor(language).get(key);
    if (code) return code;
  }
  return null;
}

/** A country's name for people, in `language` (its code when the browser has no name for it). */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
