import twilio from 'twilio';
import type { TwilioEmulatorOptions } from './options.ts';

/** Test account values (all-zero SIDs, made-up secrets) shared by the emulator's own tests. */
const ZEROS = '0'.repeat(32);
export const TEST_ACCOUNT = {
  accountSid: `AC${ZEROS}`,
  authToken: 'emulator-test-auth-token',
  apiKeySid: `SK${ZEROS}`,
  apiKeySecret: 'emulator-test-api-key-secret',
  appSid: `AP${ZEROS}`,
  number: '+33100000000',
} as const;

/** Emulator options pointing the TwiML App and the test number at a fake voice app. */
export function emulatorOptionsFor(
  appUrl: string,
  extra: Partial<TwilioEmulatorOptions> = {},
): TwilioEmulatorOptions {
  return {
    accountSid: TEST_ACCOUNT.accountSid,
    authToken: TEST_ACCOUNT.authToken,
    apiKeySid: TEST_ACCOUNT.apiKeySid,
    apiKeySecret: TEST_ACCOUNT.apiKeySecret,
    twimlApp: {
      sid: TEST_ACCOUNT.appSid,
      voiceUrl: `${appUrl}/twiml/outbound`,
      statusCallback: `${appUrl}/app-status`,
    },
    numbers: [
      {
        phoneNumber: TEST_ACCOUNT.number,
        voiceUrl: `${appUrl}/twiml/inbound`,
        statusCallback: `${appUrl}/number-status`,
      },
    ],
    ...extra,
  };
}

/** A Voice access token made by Twilio's own library (the oracle for the token shape). */
export function accessToken(
  identity: string,
  options: { ttlSeconds?: number; secret?: string; appSid?: string } = {},
): string {
  const token = new twilio.jwt.AccessToken(
    TEST_ACCOUNT.accountSid,
    TEST_ACCOUNT.apiKeySid,
    options.secret ?? TEST_ACCOUNT.apiKeySecret,
    { identity, ttl: options.ttlSeconds ?? 3600 },
  );
  token.addGrant(
    new twilio.jwt.AccessToken.VoiceGrant({
      outgoingApplicationSid: options.appSid ?? TEST_ACCOUNT.appSid,
      incomingAllow: true,
    }),
  );
  return token.toJwt();
}
