import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { parseTwiml, TwimlParseError } from '../../support/twilio-emulator/twiml.ts';

const { VoiceResponse } = twilio.twiml;
const DOCUMENT_URL = 'https://worker.example/twiml/outbound';

describe('parseTwiml', () => {
  it('reads a <Dial> with its attributes and a <Number> with status callbacks', () => {
    const response = new VoiceResponse();
    const dial = response.dial({
      callerId: '+33100000000',
      answerOnBridge: true,
      timeout: 20,
      action: '/twiml/dial-status',
      record: 'record-from-answer-dual',
      recordingStatusCallback: 'https://worker.example/webhooks/recording',
    });
    dial.number(
      {
        statusCallback: 'https://worker.example/webhooks/call-status',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      },
      '+33612345678',
    );
    expect(parseTwiml(response.toString(), DOCUMENT_URL)).toEqual([
      {
        verb: 'Dial',
        callerId: '+33100000000',
        answerOnBridge: true,
        timeout: 20,
        timeLimit: 14400,
        action: 'https://worker.example/twiml/dial-status',
        method: 'POST',
        record: 'record-from-answer-dual',
        recordingStatusCallback: 'https://worker.example/webhooks/recording',
        recordingStatusCallbackMethod: 'POST',
        targets: [
          {
            kind: 'number',
            number: '+33612345678',
            statusCallback: 'https://worker.example/webhooks/call-status',
            statusCallbackMethod: 'POST',
            statusCallbackEvents: ['initiated', 'ringing', 'answered', 'completed'],
          },
        ],
      },
    ]);
  });

  it('reads <Client> with <Identity> and <Parameter>s, and a bare client identity', () => {
    const response = new VoiceResponse();
    const dial = response.dial();
    const client = dial.client();
    client.identity('odoo_7');
    client.parameter({ name: 'OdooModel', value: 'crm.lead' });
    client.parameter({ name: 'CallerName', value: 'Jeanne & Fils' });
    dial.client('odoo_8');
    const [verb] = parseTwiml(response.toString(), DOCUMENT_URL);
    expect(verb?.verb === 'Dial' && verb.targets).toEqual([
      expect.objectContaining({
        kind: 'client',
        identity: 'odoo_7',
        parameters: [
          { name: 'OdooModel', value: 'crm.lead' },
          { name: 'CallerName', value: 'Jeanne & Fils' },
        ],
        statusCallbackEvents: ['completed'],
      }),
      expect.objectContaining({ kind: 'client', identity: 'odoo_8', parameters: [] }),
    ]);
  });

  it('reads Say, Pause, Reject, Redirect (resolved against the document) and Record defaults', () => {
    const response = new VoiceResponse();
    response.say({ language: 'fr-FR' }, 'Bonjour');
    response.pause({ length: 2 });
    response.redirect({ method: 'GET' }, 'next');
    response.record({ action: '/voicemail/done' });
    response.reject({ reason: 'busy' });
    expect(parseTwiml(response.toString(), DOCUMENT_URL)).toEqual([
      { verb: 'Say', text: 'Bonjour', voice: undefined, language: 'fr-FR' },
      { verb: 'Pause', length: 2 },
      { verb: 'Redirect', url: 'https://worker.example/twiml/next', method: 'GET' },
      expect.objectContaining({
        verb: 'Record',
        action: 'https://worker.example/voicemail/done',
        maxLength: 3600,
        timeout: 5,
        playBeep: true,
        finishOnKey: '1234567890*#',
      }),
      { verb: 'Reject', reason: 'busy' },
    ]);
  });

  it('keeps verbs it does not follow as Unsupported', () => {
    const response = new VoiceResponse();
    response.gather({ numDigits: 1 });
    expect(parseTwiml(response.toString(), DOCUMENT_URL)).toEqual([{ verb: 'Unsupported', name: 'Gather' }]);
  });

  it.each([
    ['malformed XML', '<Response><Say>unclosed</Response>'],
    ['another root element', '<Document><Say>hi</Say></Document>'],
    ['an empty <Dial>', '<Response><Dial/></Response>'],
    ['a non-numeric timeout', '<Response><Dial timeout="soon">+33612345678</Dial></Response>'],
    ['a method that is not GET or POST', '<Response><Redirect method="PUT">/x</Redirect></Response>'],
  ])('rejects %s with error 12100', (_, xml) => {
    expect(() => parseTwiml(xml, DOCUMENT_URL)).toThrow(TwimlParseError);
    try {
      parseTwiml(xml, DOCUMENT_URL);
    } catch (error) {
      expect((error as TwimlParseError).code).toBe(12100);
    }
  });
});
