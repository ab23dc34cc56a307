import './support/install';

import { beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../../shared/api';
import { createBackgroundHarness } from './support/background-harness';
import { WORKER_URL } from './support/fake-worker';
import { fakeChrome } from './support/install';

const harness = createBackgroundHarness();
await import('../../../extension/background/index');
const { SENDERS } = await import('./support/background-harness');
const { onAlarm } = await import('../../../extension/background/lifecycle');
const { OUTBOX_ALARM } = await import('../../../extension/background/outbox-sender');

/**
 * Two agents sharing one browser profile (issue 12, item 5): what one of them leaves behind at
 * sign-out (a wrap-up waiting for the worker, a wrap-up still to fill in, its draft) stays theirs.
 */
const MARC: Agent = { uid: 7, name: 'Marc Demo', login: 'marc', identity: 'odoo_7' };
const ANNE: Agent = { uid: 8, name: 'Anne Agent', login: 'anne', identity: 'odoo_8' };

async function signInAs(agent: Agent): Promise<void> {
  harness.worker.on('POST /auth/login', () => ({
    status: 200,
    body: { session: `session-${agent.login}`, expiresAt: '2099-01-01T00:00:00Z', agent },
  }));
  const result = await harness.send('signIn', { login: agent.login, password: 'pw' }, SENDERS.options);
  if (!result.ok) throw new Error(JSON.stringify(result));
  await harness.report({ type: 'health', health: { status: 'ready' } });
  // The sign-in's own send, and then the retry alarm, as Chrome would fire it.
  await onAlarm(OUTBOX_ALARM);
}

async function signOut(): Promise<void> {
  const result = await harness.send('signOut', {}, SENDERS.options);
  if (!result.ok) throw new Error(JSON.stringify(result));
}

/** An answered outgoing call that ended: its wrap-up is pending. */
async function finishCall(callSid: string): Promise<void> {
  await harness.send('dial', { number: '0612345678', display: '06 12 34 56 78' });
  await harness.report({ type: 'outgoing-ringing', callSid });
  await harness.report({ type: 'accepted', callSid });
  await harness.report({ type: 'ended', callSid });
}

function wrapUpsSent(callSid: string): (string | null)[] {
  return harness.worker.to(`/calls/${callSid}/wrap-up`).map((request) => request.authorization);
}

describe('background: what an agent leaves at sign-out stays theirs', () => {
  let workerUp: boolean;

  beforeEach(() => {
    harness.reset();
    fakeChrome.storage.local.data.settings = { workerUrl: WORKER_URL, defaultCountry: 'FR' };
    workerUp = true;
    harness.worker.on('POST *', () => (workerUp ? { status: 204 } : 'network-error'));
  });

  it("never sends A's queued wrap-up with B's session; A's next sign-in sends it", async () => {
    await signInAs(MARC);
    await finishCall('CA1');
    workerUp = false;
    await harness.send('saveWrapUp', { callSid: 'CA1', disposition: 'interested', note: 'Demo Tuesday' });
    await onAlarm(OUTBOX_ALARM);
    expect(wrapUpsSent('CA1')).toEqual(['Bearer session-marc']);
    await signOut();

    workerUp = true;
    await signInAs(ANNE);
    const marcsItem = fakeChrome.storage.local.data.outbox;
    // Retries come due while Anne works: still nothing of Marc's goes with her session.
    await onAlarm(OUTBOX_ALARM);
    expect(wrapUpsSent('CA1')).toEqual(['Bearer session-marc']);
    expect(fakeChrome.storage.local.data.outbox).toEqual(marcsItem);
    expect(marcsItem).toMatchObject([{ callSid: 'CA1', note: 'Demo Tuesday', failed: false }]);
    await signOut();

    await signInAs(MARC);
    expect(wrapUpsSent('CA1')).toEqual(['Bearer session-marc', 'Bearer session-marc']);
    expect(fakeChrome.storage.local.data.outbox).toEqual([]);
  });

  it('keeps the wrap-up A had not saved, with its draft, away from B until A is back', async () => {
    await signInAs(MARC);
    await finishCall('CA1');
    fakeChrome.storage.local.data.draft = { callSid: 'CA1', disposition: 'interested', note: 'half a no' };
    await signOut();
    expect(harness.state().wrapUp).toBeNull();
    expect(fakeChrome.storage.local.data.draft).toBeUndefined();

    await signInAs(ANNE);
    expect(harness.state().wrapUp).toBeNull();
    // Anne's own call neither replaces nor reveals Marc's.
    await finishCall('CA2');
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA2', owner: { uid: 8 } });
    const refused = await harness.send('saveWrapUp', { callSid: 'CA2', disposition: 'no_answer', note: '' });
    expect(refused).toEqual({ ok: true, data: null });
    await signOut();

    await signInAs(MARC);
    expect(harness.state().wrapUp).toMatchObject({
      callSid: 'CA1',
      owner: { uid: 7, workerUrl: WORKER_URL },
    });
    expect(fakeChrome.storage.local.data['draft:CA1']).toEqual({
      callSid: 'CA1',
      disposition: 'interested',
      note: 'half a no',
    });
    expect(fakeChrome.storage.local.data.parkedWrapUps).toBeUndefined();
    expect(wrapUpsSent('CA1')).toEqual([]);
  });

  it('parks the wrap-up of a call that outlived its agent, for that agent, when the next one signs in', async () => {
    await signInAs(MARC);
    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.report({ type: 'outgoing-ringing', callSid: 'CA1' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    await signOut();
    await harness.report({ type: 'ended', callSid: 'CA1' });
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1', owner: { uid: 7 } });

    await signInAs(ANNE);
    expect(harness.state().wrapUp).toBeNull();
    await signOut();
    await signInAs(MARC);
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1' });
  });
});
