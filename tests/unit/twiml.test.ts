import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  dial,
  dialClient,
  dialNumber,
  escapeAttribute,
  escapeText,
  hangup,
  record,
  say,
  twimlResponse,
} from '../../worker/twilio/twiml';
import { elementsOf, parseXml, textOf } from '../support/xml';

const callback = {
  statusCallback: 'https://calls.example.test/webhooks/call-status',
  statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] as const,
};

/** Strings that would break out of text or an attribute if they were not escaped. */
const HOSTILE = [
  'plain',
  '</Say><Dial><Number>+19005550100</Number></Dial><Say>',
  '" answerOnBridge="false" x="',
  "' onload='x",
  '&amp; &lt; & < > " \'',
  ']]><![CDATA[',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  'tab\tnew\nline\rreturn',
  'Zoë 😀 €',
];

describe('TwiML builder', () => {
  it('writes what the twilio package writes for the outbound dial', () => {
    for (const callerId of ['+33140000000', ...HOSTILE]) {
      const ours = twimlResponse(
        dial({ callerId, answerOnBridge: true }, [dialNumber('+33612345678', { ...callback })]),
      );
      const oracle = new twilio.twiml.VoiceResponse();
      oracle.dial({ callerId, answerOnBridge: true }).number(
        {
          statusCallback: callback.statusCallback,
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          statusCallbackMethod: 'POST',
        },
        '+33612345678',
      );
      expect(ours).toBe(oracle.toString());
    }
  });

  it('writes what the twilio package writes for spoken refusals and inbound clients', () => {
    for (const text of HOSTILE) {
      const ours = twimlResponse(
        say(text, { language: 'fr-FR' }),
        dial({ answerOnBridge: true }, [
          dialClient('odoo_7', { ParentCallSid: 'CA1', CallerNumber: text }, callback),
        ]),
        hangup(),
      );
      const oracle = new twilio.twiml.VoiceResponse();
      oracle.say({ language: 'fr-FR' }, text);
      const client = oracle.dial({ answerOnBridge: true }).client({
        statusCallback: callback.statusCallback,
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        statusCallbackMethod: 'POST',
      });
      client.identity('odoo_7');
      client.parameter({ name: 'ParentCallSid', value: 'CA1' });
      client.parameter({ name: 'CallerNumber', value: text });
      oracle.hangup();
      expect(ours).toBe(oracle.toString());
    }
  });

  it('writes what the twilio package writes for inbound routing: a dial with a next step, then voicemail', () => {
    for (const text of HOSTILE) {
      const action = `https://calls.example.test/twiml/inbound/after-owner?x=${encodeURIComponent(text)}`;
      const ours = twimlResponse(
        dial({ answerOnBridge: true, timeout: 20, action, method: 'POST' }, [
          dialClient('odoo_7', { ParentCallSid: 'CA1', CallerName: text, OdooUrl: text }, callback),
        ]),
        say(text, { language: 'en-US' }),
        record({
          action,
          method: 'POST',
          maxLength: 120,
          playBeep: true,
          recordingStatusCallback: 'https://calls.example.test/webhooks/recording',
          recordingStatusCallbackEvent: 'completed',
          recordingStatusCallbackMethod: 'POST',
        }),
      );
      const oracle = new twilio.twiml.VoiceResponse();
      const client = oracle.dial({ answerOnBridge: true, timeout: 20, action, method: 'POST' }).client({
        statusCallback: callback.statusCallback,
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
        statusCallbackMethod: 'POST',
      });
      client.identity('odoo_7');
      client.parameter({ name: 'ParentCallSid', value: 'CA1' });
      client.parameter({ name: 'CallerName', value: text });
      client.parameter({ name: 'OdooUrl', value: text });
      oracle.say({ language: 'en-US' }, text);
      oracle.record({
        action,
        method: 'POST',
        maxLength: 120,
        playBeep: true,
        recordingStatusCallback: 'https://calls.example.test/webhooks/recording',
        recordingStatusCallbackEvent: ['completed'],
        recordingStatusCallbackMethod: 'POST',
      });
      expect(ours).toBe(oracle.toString());
    }
  });

  it('keeps hostile text as text: the parsed document has exactly the elements built', () => {
    for (const text of HOSTILE) {
      const document = parseXml(
        twimlResponse(say(text), dial({ callerId: text }, [dialClient('odoo_1', { CallerNumber: text })])),
      );
      expect(document.name).toBe('Response');
      const [spokenText, dialled] = elementsOf(document);
      expect(elementsOf(document).map((element) => element.name)).toEqual(['Say', 'Dial']);
      expect(elementsOf(spokenText!)).toEqual([]);
      expect(textOf(spokenText!)).toBe(text);
      expect(dialled!.attributes).toEqual({ callerId: text });
      const [client] = elementsOf(dialled!);
      expect(elementsOf(client!).map((element) => [element.name, element.attributes])).toEqual([
        ['Identity', {}],
        ['Parameter', { name: 'CallerNumber', value: text }],
      ]);
    }
  });

  it('drops characters XML cannot carry instead of writing a broken document', () => {
    const text = 'a\u0000b\u0001c\u000bd\uFFFEe\uD800f\uDC00g😀h';
    expect(escapeText(text)).toBe('abcdefg😀h');
    expect(escapeAttribute(text)).toBe('abcdefg😀h');
    expect(textOf(parseXml(twimlResponse(say(text))))).toBe('abcdefg😀h');
  });

  it('escapes the five XML specials where they matter', () => {
    expect(escapeText('<a> & "b" \'c\'')).toBe('&lt;a&gt; &amp; "b" \'c\'');
    expect(escapeAttribute('<a> & "b" \'c\'')).toBe("&lt;a> &amp; &quot;b&quot; 'c'");
  });
});
