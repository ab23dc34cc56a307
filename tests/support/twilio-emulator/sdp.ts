/**
 * Chromium offers telephone-event at 48 kHz (for Opus) before the 8 kHz one. werift matches
 * codecs by name only and would answer the 48 kHz one next to PCMU, leaving Chromium no usable
 * DTMF sender. Dropping every telephone-event that is not 8 kHz from the offer before werift
 * reads it makes the answer carry PCMU + telephone-event/8000, as Twilio's does.
 */
export function keepNarrowbandTelephoneEvent(sdp: string): string {
  const lines = sdp.split('\r\n');
  const dropped = new Set<string>();
  for (const line of lines) {
    const match = /^a=rtpmap:(\d+) telephone-event\/(\d+)/i.exec(line);
    if (match && match[2] !== '8000') dropped.add(match[1]!);
  }
  if (dropped.size === 0) return sdp;
  return lines
    .filter((line) => {
      const attribute = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)/.exec(line);
      return !(attribute && dropped.has(attribute[1]!));
    })
    .map((line) =>
      line.startsWith('m=audio ')
        ? line
            .split(' ')
            .filter((field, index) => index < 3 || !dropped.has(field))
            .join(' ')
        : line,
    )
    .join('\r\n');
}
