import { useEffect } from 'react';
import type { PhoneState } from '../../shared/phone-state';
import { agentKeyOf } from '../lib/agent-key';
import { isConnectionError } from '../lib/health-text';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { phoneStateOrInitial } from '../lib/phone-state';
import type { WorkerHealth } from '../lib/storage';
import { useEffectiveSettings } from '../lib/use-effective-settings';
import { useStorageItem } from '../lib/use-storage';
import { CallPanel } from './CallPanel';
import { CallProblem } from './CallProblem';
import { Dialer } from './Dialer';
import { IncomingPanel } from './IncomingPanel';
import { MissedCalls } from './MissedCalls';
import { OutboxNotice } from './OutboxNotice';
import { RecentCalls } from './RecentCalls';
import { SetupNeeded } from './SetupNeeded';
import { StatusBar } from './StatusBar';
import { WaitingWrapUps } from './WaitingWrapUps';
import { WrapUpForm } from './WrapUpForm';

/**
 * A call that failed because the connection dropped stops being shown once the phone is ready
 * again and the server answered since: its cause is gone, and the message would only alarm.
 */
function connectionErrorCleared(state: PhoneState, worker: WorkerHealth | undefined): boolean {
  const error = state.callError;
  if (!error || !isConnectionError(error.code)) return false;
  return (
    state.health.status === 'ready' && worker !== undefined && worker.reachable && worker.checkedAt > error.at
  );
}

/**
 * The toolbar popup. It renders purely from the phone state the background keeps in session
 * storage, and follows it as it changes: closing it never ends a call, and opening it mid-call
 * shows that call.
 */
export function PopupApp() {
  const phone = useStorageItem('session', 'phone');
  const session = useStorageItem('local', 'session');
  const worker = useStorageItem('session', 'workerHealth');
  const settings = useEffectiveSettings();

  useEffect(() => {
    // Opening the popup is a good moment to make sure the phone is running.
    void sendToBackground('ensurePhone', {});
  }, []);

  if (!phone.loaded || !session.loaded || !settings) return null;
  const state = phoneStateOrInitial(phone.value, session.value !== undefined);
  const { health, call, incoming, wrapUp, waitingWrapUps = [] } = state;
  const needsSetup = health.status === 'signed_out' || health.status === 'no_microphone';
  const idle = !call && !incoming;

  return (
    <main className="popup-main">
      {/* The page's name for screen readers; the status line is what the eye reads first. */}
      <h1 className="visually-hidden">{t('extensionName')}</h1>
      <StatusBar
        state={state}
        agentName={session.value?.agent.name ?? null}
        worker={worker.loaded ? worker.value : undefined}
      />
      {needsSetup ? (
        <SetupNeeded health={health} />
      ) : (
        <>
          {incoming && <IncomingPanel incoming={incoming} />}
          {call && <CallPanel call={call} />}
          {idle &&
            state.callError &&
            !connectionErrorCleared(state, worker.loaded ? worker.value : undefined) && (
              <CallProblem error={state.callError} />
            )}
          {/* Another call sets the pending one aside: one shown during a call was opened then. */}
          {wrapUp && <WrapUpForm key={`wrap-up:${wrapUp.callSid}`} wrapUp={wrapUp} />}
          <WaitingWrapUps waiting={waitingWrapUps} agent={session.value ? agentKeyOf(session.value) : null} />
          {/* A pending wrap-up keeps the focus on its outcome: the dialer takes it afterwards. */}
          {idle && <Dialer country={settings.defaultCountry} focus={!wrapUp} />}
          {session.value && <OutboxNotice agent={agentKeyOf(session.value)} />}
          {session.value && <MissedCalls agent={agentKeyOf(session.value)} canCall={idle} />}
          <RecentCalls key={wrapUp?.callSid ?? ''} canCall={idle} />
        </>
      )}
    </main>
  );
}
