import { acceptIncoming, declineIncoming, hangUp, sendToPhone } from './phone-control';
import { readPhoneState } from './phone-store';

/**
 * The keyboard shortcuts (manifest `commands`, issue 13): the names Chrome reports in
 * `commands.onCommand`. Opening the popup ("focus the dialer") is Chrome's own
 * `_execute_action`: it never reaches the background.
 */
export const PHONE_COMMANDS = ['answer-call', 'hang-up', 'toggle-mute'] as const;
export type PhoneCommand = (typeof PHONE_COMMANDS)[number];

/**
 * Runs a shortcut against the phone as it is now. A shortcut pressed with nothing to act on (no
 * call ringing, no call up) does nothing: the agent may press it a moment too late.
 */
export async function runCommand(command: string): Promise<void> {
  const { call, incoming } = await readPhoneState();
  switch (command) {
    case 'answer-call':
      // A ringing call only comes in while no call is up (the phone's state machine).
      if (incoming) await acceptIncoming(incoming.callSid);
      return;
    case 'hang-up':
      if (call) await hangUp();
      else if (incoming) await declineIncoming(incoming.callSid);
      return;
    case 'toggle-mute':
      // The state follows the Device's own `muted` event, as with the popup's button.
      if (call) await sendToPhone('setMuted', { muted: !call.muted });
      return;
    default:
      console.info('unknown command', command);
  }
}
