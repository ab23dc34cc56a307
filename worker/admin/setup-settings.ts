import { randomBytes } from 'node:crypto';
import { EXTENSION_ORIGIN } from '../../shared/extension-id';
import { usageError } from './admin-error';
import type { Prompter } from './prompt';
import { type ExistingValue, type ManagedSetting, UNREADABLE } from './settings-store';
import type { ApiKeyDecision } from './setup-twilio';
import { normalizeBaseUrl } from './worker-urls';

/**
 * Which worker settings `npm run setup` writes, from what it found and created. Settings whose
 * value it knows are always written (writing the same value twice changes nothing); settings that
 * are generated or chosen once (SESSION_SECRET, EXTENSION_ORIGINS) are only written when not set
 * yet, so a second run does not sign every agent out or undo an admin's edit.
 */

export const ODOO_SETTINGS = ['ODOO_URL', 'ODOO_DB', 'ODOO_LOGIN', 'ODOO_API_KEY'] as const;
export type OdooSetting = (typeof ODOO_SETTINGS)[number];
export type OdooValues = Partial<Record<OdooSetting, string>>;

export interface SettingsInput {
  accountSid: string;
  authToken: string;
  apiKey: ApiKeyDecision;
  twimlAppSid: string;
  callerId: string;
  publicUrl: string;
  /** The extension's ID when the admin gave one (a Chrome Web Store listing has its own). */
  extensionId?: string;
  odoo: OdooValues;
  existing: Map<string, ExistingValue>;
}

export interface SettingsPlan {
  write: { name: ManagedSetting; value: string }[];
  /** Already set where the worker reads them and left alone. */
  kept: ManagedSetting[];
  /** Neither given nor set: the admin's next step. */
  missing: ManagedSetting[];
}

/** 48 random bytes: well past what HMAC-SHA256 session signatures need. */
export function generateSessionSecret(): string {
  return randomBytes(48).toString('base64url');
}

export function planSettings(input: SettingsInput): SettingsPlan {
  const plan: SettingsPlan = { write: [], kept: [], missing: [] };
  const write = (name: ManagedSetting, value: string) => plan.write.push({ name, value });
  /** Reuses a readable value, keeps an unreadable one, else uses the fallback (or reports it missing). */
  const writeOnce = (name: ManagedSetting, fallback: (() => string) | null) => {
    const existing = input.existing.get(name);
    if (existing === UNREADABLE) plan.kept.push(name);
    else if (existing !== undefined) write(name, existing);
    else if (fallback) write(name, fallback());
    else plan.missing.push(name);
  };

  write('TWILIO_ACCOUNT_SID', input.accountSid);
  write('TWILIO_AUTH_TOKEN', input.authToken);
  if (input.apiKey.write) {
    write('TWILIO_API_KEY_SID', input.apiKey.write.sid);
    write('TWILIO_API_KEY_SECRET', input.apiKey.write.secret);
  } else {
    plan.kept.push('TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET');
  }
  write('TWILIO_TWIML_APP_SID', input.twimlAppSid);
  write('TWILIO_CALLER_ID', input.callerId);
  write('PUBLIC_URL', input.publicUrl);
  writeOnce('SESSION_SECRET', generateSessionSecret);
  if (input.extensionId) write('EXTENSION_ORIGINS', `chrome-extension://${input.extensionId}`);
  else writeOnce('EXTENSION_ORIGINS', () => EXTENSION_ORIGIN);
  for (const name of ODOO_SETTINGS) {
    const given = input.odoo[name];
    if (given) write(name, given);
    else writeOnce(name, null);
  }
  return plan;
}

export interface OdooSources {
  flags: { odooUrl?: string; odooDb?: string; odooLogin?: string };
  env: Record<string, string | undefined>;
  existing: Map<string, ExistingValue>;
  interactive: boolean;
  prompter: Prompter;
}

/**
 * The Odoo service account: from flags, then the environment (the API key only from there or a
 * hidden prompt, never a flag), then, on a terminal, a question for each one not set yet. Left
 * empty, it becomes a printed next step.
 */
export async function gatherOdooValues({
  flags,
  env,
  existing,
  interactive,
  prompter,
}: OdooSources): Promise<OdooValues> {
  const values: OdooValues = {
    ODOO_URL: flags.odooUrl ?? env.ODOO_URL,
    ODOO_DB: flags.odooDb ?? env.ODOO_DB,
    ODOO_LOGIN: flags.odooLogin ?? env.ODOO_LOGIN,
    ODOO_API_KEY: env.ODOO_API_KEY,
  };
  const questions: Record<OdooSetting, string> = {
    ODOO_URL: 'Odoo URL, e.g. https://acme.odoo.com (empty: set it later):',
    ODOO_DB: 'Odoo database name (empty: set it later):',
    ODOO_LOGIN: 'Login of the Odoo service user (empty: set it later):',
    ODOO_API_KEY: 'API key of that Odoo user (empty: set it later):',
  };
  if (interactive) {
    for (const name of ODOO_SETTINGS) {
      if (values[name]?.trim() || existing.has(name)) continue;
      const ask = name === 'ODOO_API_KEY' ? prompter.secret : prompter.text;
      values[name] = await ask(questions[name], name);
    }
  }
  const url = values.ODOO_URL?.trim();
  if (url?.includes(',')) {
    throw usageError(`ODOO_URL for the worker is one URL (got the list "${url}").`);
  }
  return Object.fromEntries(
    Object.entries({
      ...values,
      ODOO_URL: url ? normalizeBaseUrl(url, 'The Odoo URL', 'https://acme.odoo.com') : undefined,
    })
      .map(([name, value]) => [name, value?.trim()])
      .filter(([, value]) => value),
  ) as OdooValues;
}
