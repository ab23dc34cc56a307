/**
 * Consistency checks of the settings that need no outside call: what `/health` reports as
 * `invalid`, each with a reason an admin can act on (and never the value). Checks that ask Twilio
 * or Odoo belong to a separate, slower probe.
 */
import { CALL_SETTING_BOUNDS, type CallSettingName, parseCallSetting } from './call-settings';
import { type Env, listSetting, type SettingName } from './env';
import { XML_ID } from './odoo/agent-standing';
import { isKnownCountry, isValidE164 } from './phone';
import { parseTokenTtl, TOKEN_TTL_BOUNDS } from './twilio/access-token';

export interface InvalidSetting {
  name: SettingName;
  reason: string;
}

const SID_PREFIXES = {
  TWILIO_ACCOUNT_SID: ['AC', 'Account SID'],
  TWILIO_API_KEY_SID: ['SK', 'API key SID'],
  TWILIO_TWIML_APP_SID: ['AP', 'TwiML App SID'],
} as const;

const MIN_SESSION_SECRET_LENGTH = 32;
const EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** A deployment is production-looking when Twilio reaches it on a non-loopback address. */
function looksLikeProduction(env: Env): boolean {
  const url = env.PUBLIC_URL ? parseHttpUrl(env.PUBLIC_URL.trim()) : null;
  return url !== null && !isLoopback(url.hostname);
}

type Check = (env: Env) => InvalidSetting[];

const checks: Check[] = [
  (env) =>
    Object.entries(SID_PREFIXES).flatMap(([name, [prefix, label]]) => {
      const value = env[name as keyof typeof SID_PREFIXES]?.trim();
      return value && !new RegExp(`^${prefix}[0-9a-f]{32}$`).test(value)
        ? [
            {
              name: name as SettingName,
              reason: `not a Twilio ${label}: expected ${prefix} followed by 32 hex digits`,
            },
          ]
        : [];
    }),
  (env) => {
    const value = env.TWILIO_CALLER_ID?.trim();
    return value && !isValidE164(value)
      ? [{ name: 'TWILIO_CALLER_ID', reason: 'not a valid E.164 phone number (e.g. +33140000000)' }]
      : [];
  },
  (env) =>
    (['PUBLIC_URL', 'ODOO_URL'] as const).flatMap((name) => {
      const value = env[name]?.trim();
      if (!value) return [];
      const url = parseHttpUrl(value);
      if (!url) return [{ name, reason: 'not an http(s) URL' }];
      if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        return [{ name, reason: 'must use https outside local development' }];
      }
      if (name === 'PUBLIC_URL' && (url.pathname !== '/' || url.search)) {
        return [
          {
            name,
            reason: 'must be the origin Twilio calls, without a path (e.g. https://calls.example.com)',
          },
        ];
      }
      return [];
    }),
  (env) => {
    const unknown = listSetting(env.DIAL_ALLOWED_COUNTRIES).filter(
      (code) => !isKnownCountry(code.toUpperCase()),
    );
    return unknown.length > 0
      ? [{ name: 'DIAL_ALLOWED_COUNTRIES', reason: `unknown ISO country codes: ${unknown.join(', ')}` }]
      : [];
  },
  (env) => {
    const bad = listSetting(env.EXTENSION_ORIGINS).filter((origin) => !EXTENSION_ORIGIN.test(origin));
    return bad.length > 0
      ? [
          {
            name: 'EXTENSION_ORIGINS',
            reason: `not chrome-extension://<32-letter id> origins: ${bad.join(', ')}`,
          },
        ]
      : [];
  },
  (env) => {
    const value = env.SESSION_SECRET?.trim();
    return value && value.length < MIN_SESSION_SECRET_LENGTH
      ? [
          {
            name: 'SESSION_SECRET',
            reason: `shorter than ${MIN_SESSION_SECRET_LENGTH} characters: use a long random string`,
          },
        ]
      : [];
  },
  (env) => {
    const value = env.AGENT_GROUP?.trim();
    return value && !XML_ID.test(value)
      ? [
          {
            name: 'AGENT_GROUP',
            reason:
              'not an Odoo group xml id (module.name, e.g. sales_team.group_sale_salesman): nobody can sign in',
          },
        ]
      : [];
  },
  (env) => {
    const value = env.TWILIO_SIGNALING_URL?.trim();
    if (!value) return [];
    if (!HOST_PORT.test(value)) return [{ name: 'TWILIO_SIGNALING_URL', reason: 'not host:port' }];
    return looksLikeProduction(env)
      ? [
          {
            name: 'TWILIO_SIGNALING_URL',
            reason: 'local development only, but PUBLIC_URL is not a local address',
          },
        ]
      : [];
  },
  (env) => {
    const value = env.TOKEN_TTL_SECONDS;
    if (value === undefined || value.trim() === '') return [];
    if (parseTokenTtl(value) === null) {
      const { min, max } = TOKEN_TTL_BOUNDS;
      return [
        {
          name: 'TOKEN_TTL_SECONDS',
          reason: `not a whole number of seconds from ${min} to ${max}; 3600 is used`,
        },
      ];
    }
    return looksLikeProduction(env)
      ? [
          {
            name: 'TOKEN_TTL_SECONDS',
            reason: 'meant for tests and local development; unset it in production',
          },
        ]
      : [];
  },
  // Call logging and inbound routing tune-ups: a bad value falls back to the default, said here.
  (env) =>
    (Object.keys(CALL_SETTING_BOUNDS) as CallSettingName[]).flatMap((name) => {
      if (parseCallSetting(name, env[name]) !== null) return [];
      const { min, max, default: fallback } = CALL_SETTING_BOUNDS[name];
      return [{ name, reason: `not a whole number from ${min} to ${max}; ${fallback} is used` }];
    }),
  (env) => {
    const value = env.COMPANY_LANGUAGE?.trim();
    return value && !/^(en|fr)([_-][A-Za-z]{2})?$/i.test(value)
      ? [{ name: 'COMPANY_LANGUAGE', reason: 'not en or fr; en is used' }]
      : [];
  },
];

/** Every setting that is present but unusable, in the order of the checks. */
export function invalidSettings(env: Env): InvalidSetting[] {
  return checks.flatMap((check) => check(env));
}
