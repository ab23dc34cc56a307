/**
 * Makes the extension's binary assets, committed under extension/public (run it again only to
 * change them): `npx tsx extension/scripts/generate-assets.ts`.
 * - icons/icon-{16,32,48,128}.png: a white handset on Odoo purple;
 * - sounds/*.wav: the 15 sounds the Voice SDK plays (DTMF tones at their real frequencies, a
 *   French ring cadence, short beeps), so it never fetches Twilio's CDN.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

// ---------- PNG ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, rgba: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = rgba(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Shape in unit coordinates (0..1): 0 outside, 1 background, 2 handset. */
function shape(u: number, v: number): 0 | 1 | 2 {
  const dx = u - 0.5;
  const dy = v - 0.5;
  if (dx * dx + dy * dy > 0.25) return 0;
  // Handset: a thick arc from upper left to lower right, with a round piece at each end.
  const cx = 0.62;
  const cy = 0.38;
  const r = Math.hypot(u - cx, v - cy);
  const angle = Math.atan2(v - cy, u - cx);
  const onArc = r > 0.17 && r < 0.29 && angle > Math.PI * 0.5 && angle < Math.PI * 1.0;
  const ear = Math.hypot(u - 0.36, v - 0.4) < 0.12;
  const mouth = Math.hypot(u - 0.6, v - 0.64) < 0.12;
  return onArc || ear || mouth ? 2 : 1;
}

function icon(size: number): Buffer {
  const samples = 4;
  return png(size, (x, y) => {
    let inside = 0;
    let handset = 0;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < samples; j++) {
        const s = shape((x + (i + 0.5) / samples) / size, (y + (j + 0.5) / samples) / size);
        if (s > 0) inside++;
        if (s === 2) handset++;
      }
    }
    const total = samples * samples;
    const white = handset / Math.max(1, inside);
    // Odoo purple #714B67 blended with white for the handset.
    const mix = (base: number) => Math.round(base + (255 - base) * white);
    return [mix(0x71), mix(0x4b), mix(0x67), Math.round((inside / total) * 255)];
  });
}

// ---------- WAV ----------

const RATE = 8000;

function wav(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (const [i, value] of samples.entries()) {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, value)) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Tone segments: [frequencies (empty for silence), seconds]; 5 ms fades avoid clicks. */
function tones(segments: [number[], number][], volume = 0.3): Float32Array {
  const total = segments.reduce((sum, [, seconds]) => sum + Math.round(seconds * RATE), 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const [frequencies, seconds] of segments) {
    const length = Math.round(seconds * RATE);
    const fade = Math.min(40, length / 2);
    for (let i = 0; i < length; i++) {
      const envelope = Math.min(1, i / fade, (length - i) / fade);
      let value = 0;
      for (const f of frequencies) value += Math.sin((2 * Math.PI * f * i) / RATE);
      out[offset + i] = frequencies.length ? (value / frequencies.length) * volume * envelope : 0;
    }
    offset += length;
  }
  return out;
}

const DTMF: Record<string, [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  s: [941, 1209], // *
  '0': [941, 1336],
  h: [941, 1477], // #
};

const sounds: Record<string, Float32Array> = {
  // France: 440 Hz, 1.5 s on, 3.5 s off (the SDK loops it).
  incoming: tones([
    [[440], 1.5],
    [[], 3.5],
  ]),
  outgoing: tones([[[880], 0.15]]),
  disconnect: tones([
    [[620], 0.12],
    [[], 0.05],
    [[480], 0.12],
    [[], 0.05],
    [[350], 0.2],
  ]),
};
for (const [key, pair] of Object.entries(DTMF)) sounds[`dtmf${key}`] = tones([[pair, 0.12]]);

mkdirSync(`${publicDir}icons`, { recursive: true });
mkdirSync(`${publicDir}sounds`, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`${publicDir}icons/icon-${size}.png`, icon(size));
for (const [name, samples] of Object.entries(sounds))
  writeFileSync(`${publicDir}sounds/${name}.wav`, wav(samples));
console.log(`wrote 4 icons and ${Object.keys(sounds).length} sounds under ${publicDir}`);
