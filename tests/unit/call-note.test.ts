import { describe, expect, it } from 'vitest';
import {
  activityFeedback,
  type CallFacts,
  callNoteHtml,
  escapeHtml,
  formatDuration,
  formatStart,
  markerOf,
  markersIn,
  recordingFollowUpHtml,
  wrapUpFollowUpHtml,
} from '../../worker/odoo/call-note';
import { NOTE_TEXT } from '../../worker/odoo/note-i18n';
import { parseXml } from '../support/xml';

const SID = `CA${'1'.repeat(32)}`;
const facts: CallFacts = {
  callSid: SID,
  direction: 'outbound',
  number: '+3210588558',
  agentName: 'Marc Demo',
  startedAt: Date.UTC(2026, 0, 6, 9, 30),
  timeZone: 'Europe/Brussels',
  durationSeconds: 125,
  outcome: 'answered',
  match: null,
};

/** The HTML parsed as XML: proves it is well formed, with exactly the elements we wrote. */
const elementNames = (html: string): string[] => {
  const names: string[] = [];
  const walk = (element: { name: string; children: unknown[] }) => {
    names.push(element.name);
    for (const child of element.children) if (typeof child !== 'string') walk(child as never);
  };
  // HTML's void <br> is the one thing XML writes differently.
  walk(parseXml(`<root>${html.replaceAll('<br>', '<br/>')}</root>`));
  return names;
};

describe('call note HTML', () => {
  it('says when the call started in the reader’s zone, or in UTC said so', () => {
    expect(formatStart(facts.startedAt, 'Europe/Brussels')).toBe('2026-01-06 10:30 (Europe/Brussels)');
    expect(formatStart(facts.startedAt, 'America/New_York')).toBe('2026-01-06 04:30 (America/New_York)');
    expect(formatStart(facts.startedAt, null)).toBe('2026-01-06 09:30 UTC');
    expect(formatStart(facts.startedAt, 'UTC')).toBe('2026-01-06 09:30 UTC');
    expect(formatStart(facts.startedAt, 'Mars/Olympus_Mons')).toBe('2026-01-06 09:30 UTC');
  });

  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min 00 s'],
    [125, '2 min 05 s'],
    [3725, '62 min 05 s'],
  ])('writes %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('is well-formed HTML with every value escaped, whatever a person typed', () => {
    const hostile = '</li></ul><script>alert("x")</script><a href=\'javascript:x\'>&amp;';
    const html = callNoteHtml(
      {
        ...facts,
        agentName: hostile,
        number: hostile,
        match: { number: hostile, count: 2, model: 'crm.lead' },
      },
      { disposition: 'other', note: `${hostile}\nsecond line` },
      [{ url: `https://api.twilio.com/r"><script>`, durationSeconds: 3, voicemail: false }],
      'en',
    );
    expect(elementNames(html)).toEqual([
      'root',
      'p',
      'b',
      'ul',
      'li',
      'li',
      'li',
      'li',
      'li',
      'li',
      'li',
      'br',
      'li',
      'a',
      'p',
      'i',
      'p',
      'small',
    ]);
    expect(html).not.toMatch(/<script|<a href='/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('href="https://api.twilio.com/r&quot;&gt;&lt;script&gt;"');
  });

  it('links only web addresses', () => {
    const html = callNoteHtml(
      facts,
      null,
      [{ url: 'javascript:alert(1)', durationSeconds: null, voicemail: true }],
      'en',
    );
    expect(html).toContain('<li>Voicemail: javascript:alert(1)</li>');
    expect(html).not.toContain('<a ');
  });

  it('has the same lines in French and English, and nothing untranslated', () => {
    const lines = (language: 'en' | 'fr') =>
      callNoteHtml(
        { ...facts, match: { number: facts.number, count: 3, model: 'res.partner' } },
        { disposition: 'meeting_booked', note: 'n' },
        [],
        language,
      ).match(/<li>/g)?.length;
    expect(lines('fr')).toBe(lines('en'));
    for (const key of Object.keys(NOTE_TEXT.en) as (keyof typeof NOTE_TEXT.en)[]) {
      if (typeof NOTE_TEXT.en[key] === 'object') {
        expect(Object.keys(NOTE_TEXT.fr[key] as object)).toEqual(Object.keys(NOTE_TEXT.en[key] as object));
      }
    }
    expect(
      callNoteHtml({ ...facts, match: { number: '+32', count: 3, model: 'res.partner' } }, null, [], 'fr'),
    ).toContain('3 contacts l&#39;ont ; voici le plus récemment modifié.');
  });

  it('ends every message with a marker a later attempt can find, and finds exactly those', () => {
    const note = callNoteHtml(facts, null, [], 'en');
    const wrapUp = wrapUpFollowUpHtml(SID, 12, { disposition: 'interested', note: '' }, 'fr');
    const recording = recordingFollowUpHtml(
      SID,
      `RE${'2'.repeat(32)}`,
      { url: 'https://x', durationSeconds: 1, voicemail: false },
      'en',
    );
    expect(markersIn(note)).toEqual([markerOf(SID, 'note')]);
    expect(markersIn(wrapUp)).toEqual([`c2c:${SID}:wrap-up:12`]);
    expect(markersIn(recording)).toEqual([`c2c:${SID}:rec:RE${'2'.repeat(32)}`]);
    expect(markersIn(activityFeedback(facts, null, 'en'))).toEqual([`c2c:${SID}:activity`]);
    // wrap-up:1 is not wrap-up:12, and text around a marker is not part of it.
    expect(markersIn(`x c2c:${SID}:wrap-up:1. c2c:${SID}:wrap-up:12<br>`)).toEqual([
      `c2c:${SID}:wrap-up:1`,
      `c2c:${SID}:wrap-up:12`,
    ]);
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a b="c" d='e'>&</a>`)).toBe('&lt;a b=&quot;c&quot; d=&#39;e&#39;&gt;&amp;&lt;/a&gt;');
  });
});
