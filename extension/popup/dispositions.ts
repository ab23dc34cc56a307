import type { Disposition } from '../../shared/api';
import type { MessageKey } from '../lib/i18n';

/** The agent-facing name of each outcome (DISPOSITIONS in shared/api.ts). */
export const DISPOSITION_KEYS: Record<Disposition, MessageKey> = {
  interested: 'dispositionInterested',
  not_interested: 'dispositionNotInterested',
  callback_requested: 'dispositionCallbackRequested',
  meeting_booked: 'dispositionMeetingBooked',
  left_voicemail: 'dispositionLeftVoicemail',
  no_answer: 'dispositionNoAnswer',
  busy: 'dispositionBusy',
  failed: 'dispositionFailed',
  wrong_number: 'dispositionWrongNumber',
  other: 'dispositionOther',
};
