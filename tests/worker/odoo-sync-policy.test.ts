import { describe, expect, it } from 'vitest';
import {
  CALL_SETTING_BOUNDS,
  callSetting,
  companyLanguage,
  parseCallSetting,
} from '../../worker/call-settings';
import { type Env, MissingSettingsError, type SettingName } from '../../worker/env';
import { ODOO_TIMEOUT_MS, OdooResponseError, OdooUnreachableError } from '../../worker/odoo/client';
import { ServiceLoginError } from '../../worker/odoo/service-account';
import { AttemptTimeUp, classifyFailure } from '../../worker/sync/failure';
import { backoffSeconds, GIVE_UP_AFTER_MS, LEASE_MS, WRITE_CUTOFF_MS } from '../../worker/sync/log-call';

const env = (settings: Partial<Record<SettingName, string>> = {}) => settings as Env;

describe('whether a failed Odoo write is worth retrying', () => {
  it.each([
    [new OdooUnreachableError('Odoo did not answer within 8 s.'), false, 'unreachable'],
    [new OdooResponseError('not JSON'), false, 'bad_answer'],
    [new OdooResponseError('busy', 'psycopg2.errors.SerializationFailure'), false, 'SerializationFailure'],
    [new MissingSettingsError(['ODOO_API_KEY']), false, 'not_configured'],
    [new AttemptTimeUp('late'), false, 'time_up'],
    [new Error('D1 hiccup'), false, 'Error'],
    [new OdooResponseError('no', 'odoo.exceptions.AccessError'), true, 'AccessError'],
    [new OdooResponseError('no', 'odoo.exceptions.AccessDenied'), true, 'AccessDenied'],
    [new OdooResponseError('gone', 'odoo.exceptions.MissingError'), true, 'MissingError'],
    [new OdooResponseError('bad', 'odoo.exceptions.ValidationError'), true, 'ValidationError'],
    [new OdooResponseError('field', 'builtins.ValueError'), true, 'ValueError'],
    [new ServiceLoginError('refused'), true, 'bad_credentials'],
  ])('%s → permanent %s (%s)', (error, permanent, errorClass) => {
    expect(classifyFailure(error)).toMatchObject({ permanent, errorClass });
  });

  it('keeps the reason short and without traceback', () => {
    const { reason } = classifyFailure(new OdooResponseError('x'.repeat(1000), 'odoo.exceptions.UserError'));
    expect(reason.length).toBeLessThanOrEqual(300);
  });
});

describe('back-off', () => {
  const now = Date.UTC(2026, 0, 6);
  it('doubles from ODOO_RETRY_SECONDS up to a minute while the call is young', () => {
    expect([1, 2, 3, 4, 5, 9].map((attempt) => backoffSeconds(env(), attempt, now - 1000, now))).toEqual([
      10, 20, 40, 60, 60, 60,
    ]);
    expect(
      [1, 2, 3].map((attempt) => backoffSeconds(env({ ODOO_RETRY_SECONDS: '1' }), attempt, now, now)),
    ).toEqual([1, 2, 4]);
  });

  it('grows to ten minutes once the call is an hour old, and never below the setting', () => {
    expect(backoffSeconds(env(), 12, now - 2 * 3600_000, now)).toBe(600);
    expect(backoffSeconds(env({ ODOO_RETRY_SECONDS: '120' }), 1, now, now)).toBe(120);
  });

  it('lets a write started before the cut-off end before the lease passes the call on', () => {
    expect(WRITE_CUTOFF_MS + ODOO_TIMEOUT_MS).toBeLessThan(LEASE_MS);
    expect(GIVE_UP_AFTER_MS).toBe(7 * 24 * 3600_000);
  });
});

describe('call settings', () => {
  it('takes the default when unset or blank, the value when in bounds, and says null otherwise', () => {
    expect(parseCallSetting('WRAP_UP_WINDOW_SECONDS', undefined)).toBe(180);
    expect(parseCallSetting('WRAP_UP_WINDOW_SECONDS', ' ')).toBe(180);
    expect(parseCallSetting('WRAP_UP_WINDOW_SECONDS', '0')).toBe(0);
    expect(parseCallSetting('OWNER_RING_SECONDS', ' 25 ')).toBe(25);
    for (const value of ['4', '121', '2.5', '-1', 'ten', '1e3']) {
      expect(parseCallSetting('OWNER_RING_SECONDS', value), value).toBeNull();
    }
    expect(callSetting(env({ OWNER_RING_SECONDS: 'ten' }), 'OWNER_RING_SECONDS')).toBe(
      CALL_SETTING_BOUNDS.OWNER_RING_SECONDS.default,
    );
  });

  it('speaks French to callers only when COMPANY_LANGUAGE says so', () => {
    expect(companyLanguage(env())).toBe('en');
    expect(companyLanguage(env({ COMPANY_LANGUAGE: 'fr' }))).toBe('fr');
    expect(companyLanguage(env({ COMPANY_LANGUAGE: 'fr_BE' }))).toBe('fr');
    expect(companyLanguage(env({ COMPANY_LANGUAGE: 'de' }))).toBe('en');
  });
});
