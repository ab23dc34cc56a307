import { describe, expect, it } from 'vitest';
import {
  DTMF_PAUSE_MS,
  DTMF_TONE_MS,
  DtmfQueue,
  dtmfDurationMs,
} from '../../../extension/offscreen/dtmf-queue';

/** Manual clock: timers fire only when the test moves time. */
function clock() {
  let now = 0;
  const timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    timers: {
      now: () => now,
      setTimeout: (callback: () => void, ms: number) => {
        const id = nextId++;
        timers.push({ at: now + ms, callback, id });
        return id;
      },
      clearTimeout: (id: unknown) => {
        const index = timers.findIndex((timer) => timer.id === id);
        if (index >= 0) timers.splice(index, 1);
      },
    },
    advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
    },
  };
}

describe('DTMF queue', () => {
  it('knows how long the SDK takes to play digits and pauses', () => {
    expect(dtmfDurationMs('1')).toBe(DTMF_TONE_MS + 30);
    expect(dtmfDurationMs('159#')).toBe(4 * DTMF_TONE_MS + 30);
    expect(dtmfDurationMs('1w2')).toBe(DTMF_PAUSE_MS + DTMF_TONE_MS + 30);
  });

  it('sends a first press at once and holds fast presses until the wire is free, in order', () => {
    const time = clock();
    const sent: string[] = [];
    const queue = new DtmfQueue((digits) => sent.push(digits), time.timers);
    queue.push('1');
    expect(sent).toEqual(['1']);
    time.advance(50);
    queue.push('5');
    time.advance(50);
    queue.push('9');
    queue.push('#');
    expect(sent).toEqual(['1']);
    time.advance(DTMF_TONE_MS);
    expect(sent).toEqual(['1', '59#']);
    time.advance(5_000);
    queue.push('0');
    expect(sent).toEqual(['1', '59#', '0']);
  });

  it('drops what is left when the call ends', () => {
    const time = clock();
    const sent: string[] = [];
    const queue = new DtmfQueue((digits) => sent.push(digits), time.timers);
    queue.push('1');
    queue.push('2');
    queue.clear();
    time.advance(10_000);
    expect(sent).toEqual(['1']);
  });
});
