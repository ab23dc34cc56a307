import { describe, expect, it } from 'vitest';
import { decodeMuLaw, LevelMeter } from '../../support/twilio-emulator/audio-level.ts';
import { signalingDigits, TelephoneEventDecoder } from '../../support/twilio-emulator/dtmf.ts';
import { keepNarrowbandTelephoneEvent } from '../../support/twilio-emulator/sdp.ts';

describe('decodeMuLaw', () => {
  it('decodes the G.711 reference points', () => {
    expect(decodeMuLaw(0xff)).toBe(0); // silence
    expect(decodeMuLaw(0x7f)).toBe(0);
    expect(decodeMuLaw(0x80)).toBe(32124); // largest positive
    expect(decodeMuLaw(0x00)).toBe(-32124); // largest negative
  });
});

describe('LevelMeter', () => {
  it('measures loud audio, reads 0 for silence, and forgets frames outside the window', () => {
    const meter = new LevelMeter(500);
    meter.pushMuLaw(new Uint8Array(160).fill(0xff), 1000);
    expect(meter.level(1000)).toBe(0);
    meter.pushMuLaw(new Uint8Array(160).fill(0x80), 1100);
    expect(meter.level(1100)).toBeGreaterThan(0.5);
    expect(meter.level(1700)).toBe(0);
  });
});

describe('TelephoneEventDecoder', () => {
  it('reports one digit per event however often the event is repeated', () => {
    const decoder = new TelephoneEventDecoder();
    const packet = (event: number, end = false) => new Uint8Array([event, end ? 0x8a : 0x0a, 0, 160]);
    const digits = [
      decoder.push(packet(1), 1000),
      decoder.push(packet(1), 1000),
      decoder.push(packet(1, true), 1000),
      decoder.push(packet(11), 2000),
      decoder.push(packet(10), 3000),
      decoder.push(packet(16), 4000),
    ];
    expect(digits).toEqual(['1', undefined, undefined, '#', '*', undefined]);
  });

  it('keeps only keypad characters from a signaling dtmf message', () => {
    expect(signalingDigits('12w#*ab')).toBe('12#*ab');
  });
});

describe('keepNarrowbandTelephoneEvent', () => {
  it('drops wideband telephone-event from the offer and keeps the 8 kHz one', () => {
    const offer = [
      'v=0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 110 126',
      'a=rtpmap:111 opus/48000/2',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:110 telephone-event/48000',
      'a=fmtp:110 0-15',
      'a=rtpmap:126 telephone-event/8000',
      '',
    ].join('\r\n');
    expect(keepNarrowbandTelephoneEvent(offer)).toBe(
      [
        'v=0',
        'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 126',
        'a=rtpmap:111 opus/48000/2',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:126 telephone-event/8000',
        '',
      ].join('\r\n'),
    );
  });
});
