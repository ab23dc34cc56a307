import './support/install';

import { describe, expect, it } from 'vitest';
import {
  countryForLanguage,
  defaultSettings,
  resolveSettings,
  validateSettingsPatch,
} from '../../../extension/lib/settings';

const build = {
  workerUrl: 'https://calls.acme.workers.dev',
  odooOrigins: ['https://*.odoo.com', 'https://acme.odoo.com'],
};

describe('settings', () => {
  it('defaults to the baked worker, the first concrete Odoo origin, and the UI language’s country', () => {
    expect(defaultSettings(build, 'fr-BE')).toMatchObject({
      workerUrl: 'https://calls.acme.workers.dev',
      odooUrl: 'https://acme.odoo.com',
      defaultCountry: 'BE',
      screenPop: 'off',
      insights: true,
      availability: 'available',
    });
    expect(defaultSettings({ ...build, odooOrigins: ['https://*.odoo.com'] }, 'en').odooUrl).toBe('');
  });

  it.each([
    ['fr', 'FR'],
    ['fr-CA', 'CA'],
    ['en-GB', 'GB'],
    ['en', 'US'],
    ['xx', 'FR'],
  ])('picks a country for UI language %s', (language, country) => {
    expect(countryForLanguage(language)).toBe(country);
  });

  it.each([
    [['fr-BE', 'fr', 'en-US', 'en'], 'BE'],
    [['fr', 'fr-CH', 'en-US'], 'CH'],
    [['fr', 'en'], 'FR'],
    [['de-CH', 'en-US'], 'CH'],
    [['nl-BE', 'nl', 'en'], 'BE'],
  ])('follows the browser languages %j, not the UI language alone', (languages, country) => {
    expect(countryForLanguage([...languages, 'en-US'])).toBe(country);
  });

  it('lets policy win and lock the field; an unusable policy value is ignored', () => {
    const defaults = defaultSettings(build, 'fr');
    const resolved = resolveSettings(
      defaults,
      { workerUrl: 'https://mine.example.test', defaultCountry: 'DE', screenPop: 'ring' },
      { workerUrl: 'https://policy.example.test/', defaultCountry: 42, odooUrl: 'not a url' },
    );
    expect(resolved).toMatchObject({
      workerUrl: 'https://policy.example.test',
      defaultCountry: 'DE',
      odooUrl: 'https://acme.odoo.com',
      screenPop: 'ring',
      locked: ['workerUrl'],
    });
  });

  it('normalises URLs to origins and countries to upper case', () => {
    expect(
      validateSettingsPatch(
        {
          workerUrl: 'https://calls.example.test/some/path',
          odooUrl: ' https://acme.odoo.com/web#id=3 ',
          defaultCountry: 'be',
        },
        [],
      ),
    ).toEqual({
      ok: true,
      patch: {
        workerUrl: 'https://calls.example.test',
        odooUrl: 'https://acme.odoo.com',
        defaultCountry: 'BE',
      },
    });
    expect(validateSettingsPatch({ odooUrl: '' }, [])).toEqual({ ok: true, patch: { odooUrl: '' } });
  });

  it('names every problem of a bad patch', () => {
    const checked = validateSettingsPatch(
      {
        workerUrl: 'ftp://x',
        odooUrl: 'https://*.odoo.com',
        defaultCountry: 'Narnia',
        screenPop: 'always' as never,
        insights: 'yes' as never,
        availability: 'busy' as never,
        audio: { inputDeviceId: '', outputDeviceId: 'default', ringtoneDeviceId: 'default' },
      },
      [],
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((problem) => problem.field)).toEqual([
      'workerUrl',
      'odooUrl',
      'defaultCountry',
      'screenPop',
      'audio',
      'insights',
      'availability',
    ]);
  });

  it('refuses to change a field locked by policy', () => {
    expect(validateSettingsPatch({ defaultCountry: 'FR', screenPop: 'ring' }, ['defaultCountry'])).toEqual({
      ok: false,
      problems: [{ field: 'defaultCountry', message: 'errorLockedByPolicy' }],
    });
  });
});
