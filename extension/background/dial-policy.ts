/**
 * Which numbers the worker will dial, known before dialling: a call the worker would refuse is
 * refused here, with a reason on screen (page notice, popup), instead of being placed, spoken
 * to in the headset ("calls to this country are not allowed") and then offered a wrap-up it
 * never deserved. The worker's TwiML stays the guard; this only saves the agent the attempt.
 */
import type { TokenResponse } from '../../shared/api';
import { countryName } from '../lib/country-names';
import { t } from '../lib/i18n';
import { countryOf, formatInternational } from '../lib/phone-number';
import { MessageError } from '../lib/router';
import { readItem, removeItem, writeItem } from '../lib/storage';

/** Stores the countries of the worker's last token answer (none: forget, the worker decides). */
export async function rememberDialPolicy(token: TokenResponse): Promise<void> {
  if (token.allowedCountries) {
    await writeItem('local', 'dialPolicy', { allowedCountries: token.allowedCountries, at: Date.now() });
  } else {
    await removeItem('local', 'dialPolicy');
  }
}

/** Throws, with a sentence the agent can act on, when the worker would refuse `e164`. */
export async function assertDialable(e164: string, language: string): Promise<void> {
  // Without the worker's word (an older worker, no token yet) the worker alone decides.
  const policy = await readItem('local', 'dialPolicy');
  if (!policy) return;
  // The worker's own test (worker/phone.ts): a valid number of a country in the list.
  const country = countryOf(e164);
  if (country === null)
    throw new MessageError('invalid_number', t('errorNumberNotValid', formatInternational(e164)));
  if (!policy.allowedCountries.includes(country))
    throw new MessageError(
      'country_not_allowed',
      t('errorCountryNotAllowed', countryName(country, language)),
    );
}
