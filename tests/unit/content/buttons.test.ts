// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContentScript, startContentScript } from '../../../extension/content/content-script';
import { installFakeChrome } from './support/fake-chrome';
import { fixtureNames, loadFixture } from './support/fixtures';
import { afterMutations, callButtonNames, callButtons } from './support/page';

/** The buttons a user sees on each fixture page, by accessible name, in page order. */
const EXPECTED: Record<string, string[]> = {
  'contact-form-country-18.0.html': ['Call 0478/22.33.44'],
  'custom-list-unnamed-cells.html': ['Call (603)-996-3829', 'Call +1 555-349-3010'],
  'lead-chatter-17.0.html': ['Call +32 10 588 558', 'Call +33 1 25 54 45 69'],
  'lead-form-17.0.html': ['Call +32 10 588 558', 'Call 0470 12 34 56'],
  'lead-form-18.0.html': ['Call 01 25 54 45 69'],
  'lead-form-empty-17.0.html': [],
  'lead-form-readonly-17.0.html': ['Call +32 10 588 558', 'Call +32 470 12 34 56'],
  'lead-kanban-16.0.html': ['Call +32 10 588 558', 'Call 0470 12 34 56'],
  'lead-kanban-17.0.html': ['Call +32 10 588 558', 'Call +33 6 12 34 56 78'],
  'lead-list-17.0.html': [
    'Call +1 813 494 5005',
    'Call +33 6 12 34 56 78',
    'Call +32 22 33 54 07',
    'Call +32 470 00 00 01',
    'Call +33 1 25 54 45 69',
  ],
  'lead-list-country-18.0.html': ['Call 0478/22.33.44', 'Call 044 668 18 00', 'Call 04 78 22 33 44'],
  'lead-list-grouped-17.0.html': ['Call +32 10 588 558', 'Call +1 555 754 3010'],
  'partner-dialog-17.0.html': ['Call (603)-996-3829'],
  'partner-form-17.0.html': ['Call (870)-931-0505', 'Call (355)-687-3262'],
};

let script: ContentScript | null = null;

beforeEach(() => {
  installFakeChrome();
});

afterEach(() => {
  script?.stop();
  script = null;
});

describe('call buttons on Odoo pages', () => {
  it('cover every fixture page', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames());
  });

  it.each(Object.entries(EXPECTED))(
    'on %s: one button per number, named after it',
    async (fixture, names) => {
      loadFixture(fixture);
      script = startContentScript();
      await afterMutations();
      expect(callButtonNames()).toEqual(names);
      expect(script?.buttonCount).toBe(names.length);
    },
  );

  it('are real buttons in open shadow roots, with the extension icon and no page text inside', () => {
    loadFixture('lead-form-17.0.html');
    script = startContentScript();
    const [button] = callButtons();
    if (!button) throw new Error('no call button');
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    expect(button.getRootNode()).toBeInstanceOf(ShadowRoot);
    // The icon is drawn by the buttons' stylesheet (adopted by the document, selecting only our
    // hosts' `button` part): the button holds no content at all.
    expect(button.childNodes).toHaveLength(0);
    expect(button.getAttribute('part')).toBe('button');
    const css = [...document.adoptedStyleSheets, ...(button.getRootNode() as ShadowRoot).adoptedStyleSheets]
      .flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText))
      .join('\n');
    // happy-dom drops ::part() rules when parsing; the e2e test checks the real styles.
    expect(css).toContain('odoo-click-to-call');
  });

  it("sit right after the form field's number, before Odoo's own hover-only links", () => {
    loadFixture('lead-form-17.0.html');
    script = startContentScript();
    const host = document.getElementById('phone_1')?.nextElementSibling as HTMLElement;
    expect(host.localName).toBe('odoo-click-to-call');
    expect(host.hidden).toBe(false);
    expect(host.nextElementSibling?.classList.contains('o_phone_form_link')).toBe(true);
  });

  it('come first in list cells (visible when Odoo truncates the column) without changing their text', () => {
    loadFixture('lead-list-17.0.html');
    script = startContentScript();
    const cell = document.querySelector('td[name="phone"]');
    expect(cell?.firstElementChild?.localName).toBe('odoo-click-to-call');
    expect(cell?.textContent).toBe('+1 813 494 5005');
  });

  it('are not added to Odoo pages outside the web client (website, login)', () => {
    loadFixture('lead-form-17.0.html');
    document.body.classList.remove('o_web_client');
    script = startContentScript();
    expect(script).toBeNull();
    expect(callButtons()).toEqual([]);
  });

  it('keep markup typed into a number as text: nothing from the page is parsed as HTML', async () => {
    loadFixture('lead-list-17.0.html');
    const cell = document.querySelector('td[name="phone"]') as HTMLElement;
    cell.textContent = '<img src=x onerror="alert(1)">+32 10 588 558';
    script = startContentScript();
    await afterMutations();
    const [button] = callButtons();
    if (!button) throw new Error('no call button');
    expect(button.getAttribute('aria-label')).toBe('Call <img src=x onerror="alert(1)">+32 10 588 558');
    expect((button.getRootNode() as ShadowRoot).querySelector('img')).toBeNull();
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });
});
