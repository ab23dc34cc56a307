/**
 * The stand-in's in-memory Twilio account and the JSON it answers with. Field names and formats
 * are the ones the `twilio` package parses (snake_case, RFC 2822 dates, `uri`s relative to the
 * API host): see node_modules/twilio/lib/rest/api/v2010/account/{application,incomingPhoneNumber}.js
 * lib/rest/api/v2010/account/key.js and lib/rest/iam/v1/{getApiKeys,newApiKey}.js.
 */

export interface ApiKeyRecord {
  sid: string;
  friendlyName: string;
  secret: string;
  created: Date;
}

export interface ApplicationRecord {
  sid: string;
  friendlyName: string;
  voiceUrl: string | null;
  voiceMethod: string;
  statusCallback: string | null;
  statusCallbackMethod: string;
  created: Date;
  updated: Date;
}

export interface PhoneNumberRecord {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  voiceMethod: string;
  statusCallback: string | null;
  statusCallbackMethod: string;
  voiceApplicationSid: string | null;
  trunkSid: string | null;
  created: Date;
  updated: Date;
}

export interface StandInAccount {
  sid: string;
  authToken: string;
  friendlyName: string;
  status: 'active' | 'suspended' | 'closed';
  keys: ApiKeyRecord[];
  applications: ApplicationRecord[];
  numbers: PhoneNumberRecord[];
}

/** Test SIDs: prefix + 32 hex digits, from a counter (all-zero-based, never a real account's). */
export function makeSid(prefix: string, counter: number): string {
  return `${prefix}${counter.toString(16).padStart(32, '0')}`;
}

/** Twilio's date format: `Thu, 20 Nov 2025 10:00:00 +0000`. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

const API = '/2010-04-01';

export function accountJson(account: StandInAccount) {
  const uri = `${API}/Accounts/${account.sid}.json`;
  return {
    sid: account.sid,
    owner_account_sid: account.sid,
    friendly_name: account.friendlyName,
    status: account.status,
    type: 'Full',
    auth_token: account.authToken,
    date_created: rfc2822(new Date(Date.UTC(2025, 0, 1))),
    date_updated: rfc2822(new Date(Date.UTC(2025, 0, 1))),
    uri,
    subresource_uris: {
      applications: `${API}/Accounts/${account.sid}/Applications.json`,
      incoming_phone_numbers: `${API}/Accounts/${account.sid}/IncomingPhoneNumbers.json`,
      keys: `${API}/Accounts/${account.sid}/Keys.json`,
    },
  };
}

export function applicationJson(accountSid: string, app: ApplicationRecord) {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    date_created: rfc2822(app.created),
    date_updated: rfc2822(app.updated),
    friendly_name: app.friendlyName,
    message_status_callback: null,
    public_application_connect_enabled: true,
    sid: app.sid,
    sms_fallback_method: 'POST',
    sms_fallback_url: null,
    sms_method: 'POST',
    sms_status_callback: null,
    sms_url: null,
    status_callback: app.statusCallback,
    status_callback_method: app.statusCallbackMethod,
    uri: `${API}/Accounts/${accountSid}/Applications/${app.sid}.json`,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: app.voiceMethod,
    voice_url: app.voiceUrl,
  };
}

export function phoneNumberJson(accountSid: string, number: PhoneNumberRecord) {
  return {
    account_sid: accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: '2010-04-01',
    beta: false,
    bundle_sid: null,
    capabilities: { voice: true, sms: true, mms: false, fax: false },
    date_created: rfc2822(number.created),
    date_updated: rfc2822(number.updated),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: 'POST',
    sms_url: '',
    status: 'in-use',
    status_callback: number.statusCallback ?? '',
    status_callback_method: number.statusCallbackMethod,
    trunk_sid: number.trunkSid,
    type: 'local',
    uri: `${API}/Accounts/${accountSid}/IncomingPhoneNumbers/${number.sid}.json`,
    voice_application_sid: number.voiceApplicationSid ?? '',
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: number.voiceMethod,
    voice_receive_mode: 'voice',
    voice_url: number.voiceUrl ?? '',
  };
}

/** A key as listed: the secret is only ever in the answer to its creation. */
export function apiKeyJson(key: ApiKeyRecord) {
  return {
    sid: key.sid,
    friendly_name: key.friendlyName,
    date_created: rfc2822(key.created),
    date_updated: rfc2822(key.created),
    flags: [],
  };
}

/** A key as the 2010-04-01 API's `Accounts/{AC}/Keys/{SK}.json` fetch gives it. */
export function legacyApiKeyJson(key: ApiKeyRecord) {
  return {
    sid: key.sid,
    friendly_name: key.friendlyName,
    date_created: rfc2822(key.created),
    date_updated: rfc2822(key.created),
  };
}

export function newApiKeyJson(key: ApiKeyRecord) {
  return {
    sid: key.sid,
    friendly_name: key.friendlyName,
    date_created: rfc2822(key.created),
    date_updated: rfc2822(key.created),
    secret: key.secret,
    policy: null,
  };
}
