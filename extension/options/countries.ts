import { getCountries } from 'libphonenumber-js/min';

export interface CountryOption {
  code: string;
  name: string;
}

/** Every country libphonenumber knows, named in the UI language and sorted by that name. */
export function countryOptions(language: string): CountryOption[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  const collator = new Intl.Collator(language);
  return getCountries()
    .map((code) => ({ code, name: `${names.of(code) ?? code} (${code})` }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
