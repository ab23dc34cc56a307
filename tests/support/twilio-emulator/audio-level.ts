/**
 * Loudness of the audio the far end receives, so a test can tell a live microphone (Chromium's
 * fake device beeps) from a muted one (silence). PCMU (G.711 μ-law) is decoded here; other
 * codecs are counted but not measured.
 */

/** G.711 μ-law byte → 16-bit linear sample (ITU-T G.711, the classic bias-and-shift decode). */
export function decodeMuLaw(byte: number): number {
  const inverted = ~byte & 0xff;
  const sign = inverted & 0x80;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign && magnitude !== 0 ? -magnitude : magnitude;
}

interface Frame {
  at: number;
  sumOfSquares: number;
  samples: number;
}

/** Root-mean-square level (0 = silence, 1 = full scale) over a sliding window of recent frames. */
export class LevelMeter {
  private readonly frames: Frame[] = [];

  constructor(private readonly windowMs: number) {}

  pushMuLaw(payload: Uint8Array, at = Date.now()): void {
    let sumOfSquares = 0;
    for (const byte of payload) {
      const sample = decodeMuLaw(byte) / 32768;
      sumOfSquares += sample * sample;
    }
    this.frames.push({ at, sumOfSquares, samples: payload.length });
    this.dropOlderThan(at - this.windowMs);
  }

  /** RMS over the window ending now; 0 when nothing arrived in the window. */
  level(now = Date.now()): number {
    this.dropOlderThan(now - this.windowMs);
    let sumOfSquares = 0;
    let samples = 0;
    for (const frame of this.frames) {
      sumOfSquares += frame.sumOfSquares;
      samples += frame.samples;
    }
    return samples === 0 ? 0 : Math.sqrt(sumOfSquares / samples);
  }

  private dropOlderThan(cutoff: number): void {
    while (this.frames.length > 0 && this.frames[0]!.at < cutoff) this.frames.shift();
  }
}
