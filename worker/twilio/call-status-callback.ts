import { TWILIO_ROUTES } from '../health/voice-routing';
import { publicUrlOf } from '../public-url';
import type { StatusCallbackAttributes } from './twiml';

/**
 * Where a dialled leg (a number, an agent's browser) reports its progress: the worker's
 * `/webhooks/call-status`, for every event the call log needs. One place for outbound and
 * inbound TwiML alike.
 */
export function callStatusCallback(publicUrl: string): StatusCallbackAttributes {
  return {
    statusCallback: publicUrlOf(publicUrl, TWILIO_ROUTES.callStatus),
    statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    statusCallbackMethod: 'POST',
  };
}
