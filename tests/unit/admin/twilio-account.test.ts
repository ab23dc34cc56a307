import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../worker/admin/admin-error';
import { TwilioAccount } from '../../../worker/admin/twilio-account';
import { createTwilioClient, RedirectingRequestClient } from '../../../worker/admin/twilio-client';
import { postRouting } from '../../../worker/health/voice-routing';
import {
  startTwilioRestStandIn,
  type TwilioRestStandIn,
} from '../../support/twilio-rest/twilio-rest-stand-in';

let twilio: TwilioRestStandIn | undefined;

afterEach(async () => {
  await twilio?.close();
  twilio = undefined;
});

function accountOn(standIn: TwilioRestStandIn, authToken = standIn.accounts[0]!.authToken) {
  const { sid } = standIn.accounts[0]!;
  return new TwilioAccount(
    createTwilioClient({ accountSid: sid, authToken }, { TWILIO_API_BASE_URL: standIn.baseUrl }),
    sid,
  );
}

describe('the test-only redirect of the twilio REST client', () => {
  const client = new RedirectingRequestClient('http://127.0.0.1:4010/');

  it('sends every Twilio host to the stand-in, keeping host and path', () => {
    expect(client.redirect('https://api.twilio.com/2010-04-01/Accounts/AC1.json?Page=1')).toBe(
      'http://127.0.0.1:4010/api.twilio.com/2010-04-01/Accounts/AC1.json?Page=1',
    );
    expect(client.redirect('https://iam.twilio.com/v1/Keys')).toBe(
      'http://127.0.0.1:4010/iam.twilio.com/v1/Keys',
    );
  });

  it('leaves any other URL alone', () => {
    expect(client.redirect('https://api.twilio.com.evil.example/x')).toBe(
      'https://api.twilio.com.evil.example/x',
    );
    expect(client.redirect('http://api.twilio.com/x')).toBe('http://api.twilio.com/x');
  });

  it('is only used when TWILIO_API_BASE_URL is set', () => {
    const real = createTwilioClient({ accountSid: `AC${'0'.repeat(32)}`, authToken: 'x' }, {});
    expect(real.httpClient).not.toBeInstanceOf(RedirectingRequestClient);
  });
});

describe('TwilioAccount over the REST stand-in', () => {
  it('lists every number of a large account, following the next page links', async () => {
    const numbers = Array.from({ length: 60 }, (_, index) => ({
      phoneNumber: `+3315900${String(index).padStart(4, '0')}`,
    }));
    twilio = await startTwilioRestStandIn([{ numbers }]);

    const listed = await accountOn(twilio).listNumbers();

    expect(listed.map((number) => number.phoneNumber)).toEqual(numbers.map((number) => number.phoneNumber));
    expect(twilio.requests.map((request) => request.query.Page ?? '0')).toEqual(['0', '1']);
  });

  it('sends the form fields the package sends for a TwiML App', async () => {
    twilio = await startTwilioRestStandIn([{}]);

    await accountOn(twilio).createApp(
      'Calls',
      postRouting('https://w.example/twiml/outbound', 'https://w.example/s'),
    );

    expect(twilio.requests.at(-1)).toMatchObject({
      method: 'POST',
      host: 'api.twilio.com',
      path: `/2010-04-01/Accounts/${twilio.accounts[0]!.sid}/Applications.json`,
      form: {
        FriendlyName: 'Calls',
        VoiceUrl: 'https://w.example/twiml/outbound',
        VoiceMethod: 'POST',
        StatusCallback: 'https://w.example/s',
        StatusCallbackMethod: 'POST',
      },
    });
  });

  it('turns 401 into an exit-3 error naming 20003 "Authenticate"', async () => {
    twilio = await startTwilioRestStandIn([{}]);

    const fetching = accountOn(twilio, 'wrong').fetchAccount();

    await expect(fetching).rejects.toMatchObject({
      exitCode: EXIT.twilioAuth,
      message: expect.stringContaining('20003 "Authenticate"'),
    });
  });

  it('turns 404 on another account’s number into an exit-4 error', async () => {
    twilio = await startTwilioRestStandIn([{}, { numbers: [{ phoneNumber: '+33159000009' }] }]);
    const otherAccountsNumber = twilio.accounts[1]!.numbers[0]!;

    const routing = accountOn(twilio).routeNumber(
      otherAccountsNumber.sid,
      postRouting('https://a', 'https://b'),
    );

    await expect(routing).rejects.toMatchObject({
      exitCode: EXIT.notFound,
      message: expect.stringContaining('20404'),
    });
    expect(otherAccountsNumber.voiceUrl).not.toBe('https://a');
  });
});
