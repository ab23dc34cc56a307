import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A plain web page that runs the real `@twilio/voice-sdk` (the same dist file the extension
 * bundles' source comes from), for testing the Twilio emulator without the extension. The page
 * exposes `window.harness` (see HARNESS below) so tests drive the Device with `page.evaluate`.
 */

const SDK = fileURLToPath(
  new URL('../../../node_modules/@twilio/voice-sdk/dist/twilio.min.js', import.meta.url),
);

/** The 15 sound names the Device fetches at construction; all point at a local silent WAV. */
const SOUND_NAMES = [
  'disconnect',
  ...Array.from({ length: 10 }, (_, digit) => `dtmf${digit}`),
  'dtmfh',
  'dtmfs',
  'incoming',
  'outgoing',
];

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Voice SDK test page</title>
<script>
  // Keep every RTCPeerConnection so tests can read what the browser receives (getStats).
  window.peerConnections = [];
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      window.peerConnections.push(this);
    }
  };
</script>
<script src="/twilio.min.js"></script>
<script src="/harness.js"></script>
`;

const HARNESS = `
const SOUND_NAMES = ${JSON.stringify(SOUND_NAMES)};
window.harness = {
  device: null,
  deviceEvents: [],
  deviceErrors: [],
  calls: [],
  createDevice(token, chunderw) {
    const sounds = Object.fromEntries(SOUND_NAMES.map((name) => [name, '/sounds/silence.wav']));
    const device = new Twilio.Device(token, {
      chunderw,
      sounds,
      publishEvents: false,
      rtcConfiguration: { iceServers: [] },
      logLevel: 'error',
    });
    for (const name of ['registering', 'registered', 'unregistered', 'tokenWillExpire']) {
      device.on(name, () => this.deviceEvents.push(name));
    }
    device.on('error', (error) => this.deviceErrors.push({ code: error.code, message: error.message }));
    device.on('incoming', (call) => this.track(call));
    this.device = device;
  },
  track(call) {
    const entry = { call, events: [], errors: [] };
    for (const name of ['accept', 'disconnect', 'cancel', 'reject', 'ringing', 'reconnecting', 'reconnected']) {
      call.on(name, () => entry.events.push(name));
    }
    call.on('error', (error) => entry.errors.push({ code: error.code, message: error.message }));
    this.calls.push(entry);
    return this.calls.length - 1;
  },
  async connect(params) {
    return this.track(await this.device.connect({ params }));
  },
  /** What the browser receives on its latest peer connection. */
  async inboundAudio() {
    const pc = window.peerConnections.at(-1);
    if (!pc) return { packetsReceived: 0, totalAudioEnergy: 0 };
    const report = await pc.getStats();
    for (const stats of report.values()) {
      if (stats.type === 'inbound-rtp' && stats.kind === 'audio') {
        return { packetsReceived: stats.packetsReceived ?? 0, totalAudioEnergy: stats.totalAudioEnergy ?? 0 };
      }
    }
    return { packetsReceived: 0, totalAudioEnergy: 0 };
  },
};
`;

/** 0.1 s of 8 kHz 16-bit mono silence. */
function silentWav(): Buffer {
  const dataBytes = 1600;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}

export interface VoiceTestPage {
  url: string;
  close(): Promise<void>;
}

export async function serveVoiceTestPage(): Promise<VoiceTestPage> {
  const sdk = await readFile(SDK);
  const wav = silentWav();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    if (path === '/') response.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    else if (path === '/harness.js')
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(HARNESS);
    else if (path === '/twilio.min.js')
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(sdk);
    else if (path === '/sounds/silence.wav')
      response.writeHead(200, { 'Content-Type': 'audio/wav' }).end(wav);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The part of a Voice SDK `Call` the tests use. */
export interface HarnessCall {
  call: {
    accept(): void;
    reject(): void;
    disconnect(): void;
    mute(shouldMute?: boolean): void;
    sendDigits(digits: string): void;
    status(): string;
    parameters: Record<string, string>;
    customParameters: Map<string, string>;
  };
  events: string[];
  errors: Array<{ code: number; message: string }>;
}

/** `window.harness` in the test page. */
export interface Harness {
  device: { register(): Promise<void>; updateToken(token: string): void; state: string } | null;
  deviceEvents: string[];
  deviceErrors: Array<{ code: number; message: string }>;
  calls: HarnessCall[];
  createDevice(token: string, chunderw: string): void;
  connect(params: Record<string, string>): Promise<number>;
  inboundAudio(): Promise<{ packetsReceived: number; totalAudioEnergy: number }>;
}

declare global {
  interface Window {
    harness: Harness;
  }
}
