/**
 * A small WAV file to serve at a RecordingUrl: 8 kHz 16-bit mono, a quiet 440 Hz tone as long
 * as the recording (capped, so a long voicemail does not make a large response). The emulator
 * does not keep the real audio of a call.
 */
const SAMPLE_RATE = 8000;
const MAX_SECONDS = 10;

export function recordingWav(seconds: number): Buffer {
  const sampleCount = Math.round(Math.min(Math.max(seconds, 0.1), MAX_SECONDS) * SAMPLE_RATE);
  const dataBytes = sampleCount * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < sampleCount; i++) {
    wav.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE)), 44 + i * 2);
  }
  return wav;
}
