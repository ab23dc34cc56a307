import type { OutboundCallParams } from '../../shared/api';
import type { MessageOf, OffscreenProtocol, PhoneConfig, RecordContext } from '../../shared/messages';
import type { CallParty } from '../../shared/phone-state';
import type { AgentKey, StoredSession } from '../../shared/settings';
import { agentKeyOf } from '../lib/agent-key';
import { countryFromName } from '../lib/country-names';
import { t, uiLanguage } from '../lib/i18n';
import { type ResponseOf, sendToOffscreen } from '../lib/messaging';
import { formatInternational, toE164 } from '../lib/phone-number';
import { MessageError, unwrap } from '../lib/router';
import { readEffectiveSettings } from '../lib/settings';
import { readItem } from '../lib/storage';
import { assertDialable } from './dial-policy';
import { ensureOffscreenDocument, hasOffscreenDocument } from './offscreen-document';
import { dispatch, readPhoneState } from './phone-store';
import { readSession } from './session';
import { settleSetAside } from './waiting-wrap-ups';
import { assertWorkerUp } from './worker-health';

/** What the offscreen document needs to run the Device, from settings and session. */
export async function phoneConfig(): Promise<PhoneConfig> {
  const [session, settings, microphone] = await Promise.all([
    readSession(),
    readEffectiveSettings(),
    readItem('local', 'microphone'),
  ]);
  return {
    signedIn: session !== undefined,
    microphoneGranted: microphone !== undefined,
    insights: settings.insights,
    audio: settings.audio,
  };
}

/**
 * Makes sure the phone's document is there. A new one holds no call, whatever the stored state
 * says (the old one crashed or was closed): the state is reset before anyone uses the document.
 */
export function ensurePhoneDocument(): Promise<'created' | 'existing'> {
  return ensureOffscreenDocument(async () => {
    const signedIn = (await readSession()) !== undefined;
    await dispatch({
      type: 'phone-restarted',
      health: signedIn ? { status: 'starting' } : { status: 'signed_out' },
    });
  });
}

/** Sends a command to the Device, creating the offscreen document first when it is not there. */
export async function sendToPhone<T extends keyof OffscreenProtocol & string>(
  type: T,
  fields: Omit<MessageOf<OffscreenProtocol, T>, 'target' | 'type'>,
): Promise<ResponseOf<OffscreenProtocol, T>> {
  await ensurePhoneDocument();
  return unwrap(await sendToOffscreen(type, fields));
}

/** Hands new settings or a new session to a running Device (a missing document reads them at boot). */
export async function pushPhoneConfig(): Promise<void> {
  const config = await phoneConfig();
  if (config.signedIn) await ensurePhoneDocument();
  else if (!(await hasOffscreenDocument())) return;
  await sendToOffscreen('configure', { config });
}

/**
 * Places a call: the number as clicked or typed becomes E.164 in the record's country when the
 * page showed one, else the agent's default country, and a second call is refused while one is
 * live (or ringing in). Answers the number dialled.
 */
export async function dial(request: {
  number: string;
  record?: RecordContext;
  country?: string;
}): Promise<{ number: string; display: string }> {
  // The document first (in parallel with the reads, and only for a signed-in agent): if it has
  // to be created, its reset of the call state must come before this call, not wipe it.
  const [settings, state, session] = await Promise.all([
    readEffectiveSettings(),
    readPhoneState(),
    readSession().then(async (session) => {
      if (session) await ensurePhoneDocument();
      return session;
    }),
  ]);
  const recordCountry = request.country ? countryFromName(request.country, [uiLanguage()]) : null;
  const number = toE164(request.number, recordCountry ?? settings.defaultCountry);
  if (!number.ok) throw new MessageError('invalid_number', t('errorInvalidNumber', request.number));
  await assertDialable(number.e164, uiLanguage());
  await assertWorkerUp();
  if (state.health.status === 'signed_out') throw new MessageError('not_signed_in', t('healthSignedOut'));
  if (state.health.status === 'no_microphone')
    throw new MessageError('no_microphone', t('healthNoMicrophone'));

  // Always the full international number: the page's `04 78…` could be anyone's, anywhere.
  const display = formatInternational(number.e164);
  const party: CallParty = { number: number.e164, display };
  const params: OutboundCallParams = { To: number.e164 };
  if (request.record) {
    party.record = { model: request.record.model, id: request.record.id };
    params.OdooModel = request.record.model;
    params.OdooId = String(request.record.id);
  }
  // The state machine is the one place that knows whether a call is already up: it refuses
  // `dial` then, atomically, even when two clicks race.
  const { changed, before } = await dispatch({ type: 'dial', party, ...ownerOf(session) });
  if (!changed) throw new MessageError('busy', t('errorBusy'));
  try {
    // The document is there (ensured above): straight to it, this is the click-to-invite path.
    unwrap(await sendToOffscreen('connect', { params }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await dispatch({ type: 'ended', callSid: null, error: { code: 0, message } });
    throw error;
  } finally {
    // After the connect, not before: the call comes first.
    await settleSetAside(before.wrapUp, ownerOf(session).owner);
  }
  return { number: number.e164, display };
}

/** The call's owner: the agent signed in now (their wrap-up will be theirs alone). */
function ownerOf(session: StoredSession | undefined): { owner?: AgentKey } {
  return session ? { owner: agentKeyOf(session) } : {};
}

export async function acceptIncoming(callSid: string): Promise<void> {
  const { owner } = ownerOf(await readSession());
  const { changed, before } = await dispatch({ type: 'answer', callSid, ...(owner ? { owner } : {}) });
  if (!changed) throw new MessageError('no_such_call', t('errorCallGone'));
  try {
    await sendToPhone('accept', { callSid });
  } catch (error) {
    await dispatch({ type: 'ended', callSid, error: { code: 0, message: String(error) } });
    throw error;
  } finally {
    await settleSetAside(before.wrapUp, owner);
  }
}

export async function declineIncoming(callSid: string): Promise<void> {
  await dispatch({ type: 'incoming-ended', callSid });
  await sendToPhone('reject', { callSid }).catch((error: unknown) => {
    // Already gone at the far end (the caller hung up first): nothing left to decline.
    console.info('decline: call already gone', error);
  });
}

/**
 * Hangs up the live call. If the Device no longer has it (its document was replaced), the call
 * is over anyway: the state says so instead of showing a call that cannot be ended.
 */
export async function hangUp(): Promise<void> {
  const state = await readPhoneState();
  if (!state.call) return;
  // Before the Device's `ended`: an end before anyone answered is then the agent's (canceled).
  await dispatch({ type: 'hang-up' });
  try {
    await sendToPhone('hangUp', {});
  } catch (error) {
    if (error instanceof MessageError && error.code === 'no_call') {
      await dispatch({ type: 'ended', callSid: state.call.callSid });
      return;
    }
    throw error;
  }
}
