/**
 * Runs the emulator on its own (local demo, or tests that want it in another process):
 *
 *   WORKER_URL=http://127.0.0.1:8787 npx tsx tests/support/twilio-emulator/main.ts
 *
 * Settings come from the environment, named like the worker's (same values, so the worker's
 * tokens and signatures check out): TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SID,
 * TWILIO_API_KEY_SECRET, TWILIO_TWIML_APP_SID, TWILIO_CALLER_ID (the number the simulated PSTN
 * calls), WORKER_URL (the worker's PUBLIC_URL), and optionally EMULATOR_SIGNALING_PORT,
 * EMULATOR_CONTROL_PORT, EMULATOR_TIME_SCALE, EMULATOR_QUIET=1. Test values (all-zero SIDs)
 * are used for anything unset. Prints one JSON line `{"signalingHost", "controlUrl"}` when ready.
 */
import { startTwilioEmulator } from './index.ts';

const env = process.env;
const zeros = '0'.repeat(32);
const workerUrl = (env.WORKER_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

const emulator = await startTwilioEmulator({
  accountSid: env.TWILIO_ACCOUNT_SID ?? `AC${zeros}`,
  authToken: env.TWILIO_AUTH_TOKEN ?? 'test-auth-token',
  apiKeySid: env.TWILIO_API_KEY_SID ?? `SK${zeros}`,
  apiKeySecret: env.TWILIO_API_KEY_SECRET ?? 'test-api-key-secret',
  twimlApp: {
    sid: env.TWILIO_TWIML_APP_SID ?? `AP${zeros}`,
    voiceUrl: `${workerUrl}/twiml/outbound`,
    statusCallback: `${workerUrl}/webhooks/call-status`,
  },
  numbers: [
    {
      phoneNumber: env.TWILIO_CALLER_ID ?? '+33100000000',
      voiceUrl: `${workerUrl}/twiml/inbound`,
      statusCallback: `${workerUrl}/webhooks/call-status`,
    },
  ],
  signalingPort: Number(env.EMULATOR_SIGNALING_PORT ?? 0),
  controlPort: Number(env.EMULATOR_CONTROL_PORT ?? 0),
  timeScale: Number(env.EMULATOR_TIME_SCALE ?? 1),
  log: env.EMULATOR_QUIET === '1' ? () => {} : (line) => console.error(line),
});

console.log(JSON.stringify({ signalingHost: emulator.signalingHost, controlUrl: emulator.controlUrl }));
console.error(
  `Twilio emulator ready. Signaling: wss://${emulator.signalingHost}/signal (worker: TWILIO_SIGNALING_URL=${emulator.signalingHost}). Control API: ${emulator.controlUrl}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
