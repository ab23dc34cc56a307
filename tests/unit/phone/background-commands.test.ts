import './support/install';

import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundHarness } from './support/background-harness';
import { fakeChrome } from './support/install';

const harness = createBackgroundHarness();
await import('../../../extension/background/index');

const INCOMING = { type: 'incoming', callSid: 'CA9', from: '+3210588558', params: {} } as const;

/** Everything but the health checks: what the shortcuts asked the Device to do. */
const callCommands = () =>
  harness.commands.filter((command) => !['status', 'checkHealth', 'configure'].includes(command.type));

describe('background: keyboard shortcuts (issue 13)', () => {
  beforeEach(async () => {
    harness.reset();
    await harness.signIn();
  });

  it('answers the ringing call with the answer shortcut', async () => {
    await harness.report(INCOMING);
    await harness.command('answer-call');
    expect(harness.commandsOf('accept')).toEqual([{ type: 'accept', callSid: 'CA9' }]);
    expect(harness.state().call).toMatchObject({ callSid: 'CA9', direction: 'inbound' });
    expect(harness.state().incoming).toBeNull();
    expect(fakeChrome.notifications.shown.size).toBe(0);
  });

  it('hangs up the live call with the hang-up shortcut, and offers its wrap-up', async () => {
    await harness.send('dial', { number: '0612345678', display: '06 12 34 56 78' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    await harness.command('hang-up');
    expect(harness.commandsOf('hangUp')).toHaveLength(1);
    await harness.report({ type: 'ended', callSid: 'CA1' });
    expect(harness.state().call).toBeNull();
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1' });
  });

  it('declines a call that is only ringing with the hang-up shortcut', async () => {
    await harness.report(INCOMING);
    await harness.command('hang-up');
    expect(harness.commandsOf('reject')).toEqual([{ type: 'reject', callSid: 'CA9' }]);
    expect(harness.commandsOf('accept')).toEqual([]);
    expect(harness.state().incoming).toBeNull();
    expect(harness.state().call).toBeNull();
  });

  it('toggles mute on the live call, following what the Device reports', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    await harness.command('toggle-mute');
    expect(harness.commandsOf('setMuted')).toEqual([{ type: 'setMuted', muted: true }]);
    await harness.report({ type: 'muted', muted: true });
    await harness.command('toggle-mute');
    expect(harness.commandsOf('setMuted')).toEqual([
      { type: 'setMuted', muted: true },
      { type: 'setMuted', muted: false },
    ]);
  });

  it.each(['answer-call', 'hang-up', 'toggle-mute'])(
    'does nothing with %s when no call rings or is up',
    async (name) => {
      const before = harness.state();
      await harness.command(name);
      expect(callCommands()).toEqual([]);
      expect(harness.state()).toEqual(before);
    },
  );

  it('does not answer a second time once the call is up, nor mute a call that only rings', async () => {
    await harness.report(INCOMING);
    await harness.command('toggle-mute');
    expect(harness.commandsOf('setMuted')).toEqual([]);
    await harness.command('answer-call');
    await harness.command('answer-call');
    expect(harness.commandsOf('accept')).toHaveLength(1);
    expect(harness.state().call).toMatchObject({ callSid: 'CA9' });
  });

  it('leaves a wrap-up alone when a shortcut finds no call', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    await harness.report({ type: 'ended', callSid: 'CA1' });
    await harness.command('hang-up');
    await harness.command('answer-call');
    expect(harness.commandsOf('hangUp')).toEqual([]);
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1' });
  });
});
