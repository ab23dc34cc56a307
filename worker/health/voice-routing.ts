/**
 * Where Twilio must send the worker's calls, in one place for the two sides that compare it with
 * what Twilio has: the worker's deep `/health` check and the admin CLI (`npm run setup`), which
 * sets it. Pure code, no Twilio client: the worker bundle and Node both import it.
 */

/** Where Twilio sends a call and its progress: the same four fields on TwiML Apps and numbers. */
export interface VoiceRouting {
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
}

/** The worker's routes that Twilio calls (fixed by DESIGN.md), under PUBLIC_URL. */
export const TWILIO_ROUTES = {
  /** The TwiML App's voice URL: calls placed from the browser. */
  outboundVoice: '/twiml/outbound',
  /** The phone number's voice URL: calls to the team's number. */
  inboundVoice: '/twiml/inbound',
  /** The status callback of both. */
  callStatus: '/webhooks/call-status',
} as const;

/** The voice routing the worker expects: POST to `voiceUrl`, progress POSTed to `statusCallback`. */
export function postRouting(voiceUrl: string, statusCallback: string): VoiceRouting {
  return { voiceUrl, voiceMethod: 'POST', statusCallback, statusCallbackMethod: 'POST' };
}

/** Names of the routing fields that differ from what is wanted (empty when all match). */
export function routingDifferences(actual: VoiceRouting, wanted: VoiceRouting): (keyof VoiceRouting)[] {
  return (Object.keys(wanted) as (keyof VoiceRouting)[]).filter((field) =>
    field.endsWith('Method')
      ? actual[field].toUpperCase() !== wanted[field].toUpperCase()
      : actual[field] !== wanted[field],
  );
}

/** `voiceUrl is https://old.example/twiml/outbound, should be https://…` for each difference. */
export function describeRoutingDifferences(actual: VoiceRouting, wanted: VoiceRouting): string[] {
  return routingDifferences(actual, wanted).map(
    (field) => `${field} is ${actual[field] || '(empty)'}, should be ${wanted[field]}`,
  );
}
