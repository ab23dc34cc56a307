import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { newCallSid, signTwilio, twilioInit } from './support/twilio';
import { callWorkerWith, clearDatabase } from './support/worker';

/**
 * The log lines an admin reads with `wrangler tail` (docs/admin-health.md): one JSON object per
 * line, `level` and `event` first, and every line about a call findable with
 * `wrangler tail --search <its Call SID>`, which matches the lines' text.
 */
installStrictFetch();
beforeEach(clearDatabase);

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const method of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

async function postAsTwilio(path: string, params: Record<string, string>): Promise<void> {
  const response = await callWorkerWith({}, path, twilioInit(params, await signTwilio(path, params)));
  expect(response.status, await response.text()).toBeLessThan(300);
}

/** What `wrangler tail --search <text>` would show of our lines. */
const search = (text: string) => lines.filter((line) => line.includes(text));

describe('log lines for wrangler tail', () => {
  it('let an admin follow an outbound call by its SID, dialled leg included', async () => {
    await seedAgent(7);
    const call = newCallSid();
    const dialledLeg = newCallSid();
    const callee = '+33612345678';

    await postAsTwilio('/twiml/outbound', { CallSid: call, From: 'client:odoo_7', To: callee });
    await postAsTwilio('/webhooks/call-status', {
      AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
      CallSid: dialledLeg,
      ParentCallSid: call,
      CallStatus: 'ringing',
      To: callee,
    });

    const found = search(call).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(found).toEqual([
      expect.objectContaining({ event: 'request', path: '/twiml/outbound', callSid: call }),
      expect.objectContaining({
        event: 'request',
        path: '/webhooks/call-status',
        callSid: dialledLeg,
        parentCallSid: call,
      }),
    ]);
    expect(lines.join('\n')).not.toContain(callee.slice(1));
  });

  it('are one JSON object per line, level and event first (jq reads them back with fromjson)', async () => {
    await callWorkerWith({}, '/health');
    await callWorkerWith({}, '/nope');

    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(Object.keys(JSON.parse(line) as object).slice(0, 2)).toEqual(['level', 'event']);
    }
  });
});
