/** RFC 4733 event codes 0–15 as the keypad characters they stand for. */
const EVENT_DIGITS = '0123456789*#ABCD';

/**
 * Turns RFC 4733 telephone-event packets into digits. A sender repeats each event many times
 * (with growing duration, then three "end" packets), all with the same RTP timestamp; one
 * digit is reported per distinct timestamp.
 */
export class TelephoneEventDecoder {
  private lastTimestamp: number | undefined;

  /** Returns the digit this packet starts, or undefined for repeats and unknown events. */
  push(payload: Uint8Array, rtpTimestamp: number): string | undefined {
    if (payload.length < 4 || rtpTimestamp === this.lastTimestamp) return undefined;
    const digit = EVENT_DIGITS[payload[0]!];
    if (digit === undefined) return undefined;
    this.lastTimestamp = rtpTimestamp;
    return digit;
  }
}

/** Digits the SDK may send in a signaling `dtmf` message (`w` is its half-second pause). */
export function signalingDigits(dtmf: string): string {
  return [...dtmf].filter((char) => EVENT_DIGITS.includes(char.toUpperCase())).join('');
}
