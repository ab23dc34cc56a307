// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../extension/content/adapters';
import { type OdooSelector, SELECTORS } from '../../../extension/content/selectors';
import { fixtureNames, loadFixture } from './support/fixtures';

const entries = Object.entries(SELECTORS) as [string, OdooSelector][];

function countIn(document: Document, selector: OdooSelector): number {
  if (!selector.within) return document.querySelectorAll(selector.css).length;
  const parent = SELECTORS[selector.within as keyof typeof SELECTORS];
  return Array.from(document.querySelectorAll(parent.css)).reduce(
    (sum, element) => sum + element.querySelectorAll(selector.css).length,
    0,
  );
}

describe('Odoo selectors (extension/content/selectors.ts)', () => {
  it('list an expected count for every fixture page, and only for fixture pages', () => {
    for (const [name, selector] of entries) {
      expect(Object.keys(selector.fixtures).sort(), `selector ${name}`).toEqual(fixtureNames());
    }
  });

  it('nest only inside selectors that exist', () => {
    for (const [name, selector] of entries) {
      if (selector.within) expect(Object.keys(SELECTORS), `selector ${name}`).toContain(selector.within);
    }
  });

  describe.each(fixtureNames())('on %s', (fixture) => {
    it.each(entries.map(([name, selector]) => [name, selector] as const))(
      '%s matches as documented',
      (_, selector) => {
        loadFixture(fixture);
        expect(countIn(document, selector)).toBe(selector.fixtures[fixture]);
      },
    );
  });
});

describe('adapters (extension/content/adapters)', () => {
  it.each(fixtureNames())('never share an element on %s: each number has one owner', (fixture) => {
    loadFixture(fixture);
    for (const element of document.querySelectorAll('*')) {
      const owners = ADAPTERS.filter((adapter) => element.matches(adapter.selector)).map(
        (adapter) => adapter.id,
      );
      expect(
        owners.length,
        `<${element.localName} class="${element.className}"> matches ${owners}`,
      ).toBeLessThan(2);
    }
  });
});
