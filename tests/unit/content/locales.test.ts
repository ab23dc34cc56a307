import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, readLocale } from './support/fake-chrome';

/** Every key extension/content/i18n.ts may ask for. */
function pageKeys(): string[] {
  const source = readFileSync(new URL('../../../extension/content/i18n.ts', import.meta.url), 'utf8');
  return Array.from(source.matchAll(/'(page\w+)'/g), (match) => match[1] as string);
}

describe('in-page strings', () => {
  const en = readLocale('en');
  const fr = readLocale('fr');

  it('exist in English and French for every key the content script uses', () => {
    expect(pageKeys().length).toBeGreaterThan(5);
    for (const key of pageKeys()) {
      expect(en[key]?.message, `en ${key}`).toBeTruthy();
      expect(fr[key]?.message, `fr ${key}`).toBeTruthy();
      expect(Object.keys(fr[key]?.placeholders ?? {}), `fr ${key}`).toEqual(
        Object.keys(en[key]?.placeholders ?? {}),
      );
    }
  });

  it('keep the fixed English names and read naturally in French', () => {
    expect(formatMessage(en.pageCallButton, ['+32 10 588 558'])).toBe('Call +32 10 588 558');
    expect(formatMessage(fr.pageCallButton, ['+32 10 588 558'])).toBe('Appeler le +32 10 588 558');
    expect(formatMessage(en.pageAccept)).toBe('Accept');
    expect(formatMessage(en.pageDecline)).toBe('Decline');
    expect(formatMessage(fr.pageAccept)).toBe('Accepter');
    expect(formatMessage(fr.pageDecline)).toBe('Refuser');
  });
});
