import type twilio from 'twilio';
import type { VoiceRouting } from '../health/voice-routing';
import { AdminError, EXIT } from './admin-error';

/**
 * The handful of Twilio REST operations the setup CLI needs, over the `twilio` package, returning
 * plain data and failing with AdminErrors a person can act on. API keys use the IAM v1 Keys
 * resource (Twilio's current one); the rest is the 2010-04-01 API.
 */

export interface ApiKeySummary {
  sid: string;
  friendlyName: string;
  dateCreated: Date;
}

export interface NewApiKey {
  sid: string;
  /** Shown by Twilio once, in this answer only. */
  secret: string;
}

export interface TwimlApp extends VoiceRouting {
  sid: string;
  friendlyName: string;
}

export interface PhoneNumber extends VoiceRouting {
  sid: string;
  /** E.164. */
  phoneNumber: string;
  friendlyName: string;
  /** When set, Twilio sends the number's calls to this TwiML App and ignores `voiceUrl`. */
  voiceApplicationSid: string;
  /** When set, the number's calls go to that SIP trunk and ignore `voiceUrl`. */
  trunkSid: string;
}

export interface AccountInfo {
  sid: string;
  friendlyName: string;
  status: string;
}

interface TwilioRestError {
  status?: number;
  code?: number;
  message?: string;
}

function isTwilioRestError(error: unknown): error is TwilioRestError & Error {
  return error instanceof Error && typeof (error as TwilioRestError).status === 'number';
}

/** Turns what the `twilio` package throws into an error that says what to do. */
export function explainTwilioError(error: unknown, doing: string): AdminError {
  if (isTwilioRestError(error)) {
    const code = error.code ?? error.status;
    if (error.status === 401 || error.code === 20003) {
      return new AdminError(
        `Twilio refused the credentials (error ${code} "${error.message}") while ${doing}. ` +
          'Check TWILIO_ACCOUNT_SID (AC…) and TWILIO_AUTH_TOKEN in Twilio Console → Account info.',
        EXIT.twilioAuth,
      );
    }
    if (error.status === 404) {
      return new AdminError(
        `Twilio has no such resource in this account (error ${code}) while ${doing}.`,
        EXIT.notFound,
      );
    }
    return new AdminError(`Twilio answered error ${code} "${error.message}" while ${doing}.`, EXIT.twilio);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AdminError(`Could not reach Twilio while ${doing}: ${reason}`, EXIT.twilio);
}

async function twilioCall<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainTwilioError(error, doing);
  }
}

function toNumber(instance: {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
  voiceApplicationSid: string;
  trunkSid: string;
}): PhoneNumber {
  return {
    sid: instance.sid,
    phoneNumber: instance.phoneNumber,
    friendlyName: instance.friendlyName,
    voiceUrl: instance.voiceUrl ?? '',
    voiceMethod: instance.voiceMethod ?? '',
    statusCallback: instance.statusCallback ?? '',
    statusCallbackMethod: instance.statusCallbackMethod ?? '',
    voiceApplicationSid: instance.voiceApplicationSid ?? '',
    trunkSid: instance.trunkSid ?? '',
  };
}

function toApp(instance: {
  sid: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
}): TwimlApp {
  return {
    sid: instance.sid,
    friendlyName: instance.friendlyName,
    voiceUrl: instance.voiceUrl ?? '',
    voiceMethod: instance.voiceMethod ?? '',
    statusCallback: instance.statusCallback ?? '',
    statusCallbackMethod: instance.statusCallbackMethod ?? '',
  };
}

export class TwilioAccount {
  constructor(
    private readonly client: twilio.Twilio,
    readonly accountSid: string,
  ) {}

  private get api() {
    return this.client.api.v2010.accounts(this.accountSid);
  }

  fetchAccount(): Promise<AccountInfo> {
    return twilioCall('checking the account credentials', async () => {
      const account = await this.api.fetch();
      return { sid: account.sid, friendlyName: account.friendlyName, status: account.status };
    });
  }

  /** The account's API keys (those with `friendlyName` when given), newest first. */
  listApiKeys(friendlyName?: string): Promise<ApiKeySummary[]> {
    return twilioCall('listing API keys', async () => {
      const keys = await this.client.iam.v1.getApiKeys.list({ accountSid: this.accountSid });
      return keys
        .filter((key) => friendlyName === undefined || key.friendlyName === friendlyName)
        .map((key) => ({ sid: key.sid, friendlyName: key.friendlyName, dateCreated: key.dateCreated }))
        .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
    });
  }

  createApiKey(friendlyName: string): Promise<NewApiKey> {
    return twilioCall('creating an API key', async () => {
      const key = await this.client.iam.v1.newApiKey.create({ accountSid: this.accountSid, friendlyName });
      return { sid: key.sid, secret: key.secret };
    });
  }

  listApps(friendlyName: string): Promise<TwimlApp[]> {
    return twilioCall('listing TwiML Apps', async () => {
      const apps = await this.api.applications.list({ friendlyName });
      // The filter is Twilio's; compare again so a stand-in or a future change cannot widen it.
      return apps.filter((app) => app.friendlyName === friendlyName).map(toApp);
    });
  }

  fetchApp(sid: string): Promise<TwimlApp> {
    return twilioCall(`reading TwiML App ${sid}`, async () =>
      toApp(await this.api.applications(sid).fetch()),
    );
  }

  createApp(friendlyName: string, routing: VoiceRouting): Promise<TwimlApp> {
    return twilioCall('creating the TwiML App', async () =>
      toApp(await this.api.applications.create({ friendlyName, ...routing })),
    );
  }

  updateApp(sid: string, routing: VoiceRouting): Promise<TwimlApp> {
    return twilioCall(`updating TwiML App ${sid}`, async () =>
      toApp(await this.api.applications(sid).update(routing)),
    );
  }

  listNumbers(): Promise<PhoneNumber[]> {
    return twilioCall('listing the account’s phone numbers', async () =>
      (await this.api.incomingPhoneNumbers.list()).map(toNumber),
    );
  }

  /**
   * Points a number's calls at `routing`. A number attached to a TwiML App ignores its voice URL,
   * so the attachment is removed (Twilio takes an empty VoiceApplicationSid as "none").
   */
  routeNumber(sid: string, routing: VoiceRouting): Promise<PhoneNumber> {
    return twilioCall(`updating phone number ${sid}`, async () =>
      toNumber(await this.api.incomingPhoneNumbers(sid).update({ ...routing, voiceApplicationSid: '' })),
    );
  }
}
