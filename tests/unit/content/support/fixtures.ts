import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A path, not a URL object: under happy-dom the global URL is the DOM's, which node:url refuses.
const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/odoo/');

/** Every Odoo page fixture (tests/fixtures/odoo/*.html). */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.html'))
    .sort();
}

export function fixtureHtml(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}`, 'utf8');
}

/**
 * Makes the test's document that fixture page (body attributes and content), at the given
 * path of the test origin, as if Odoo had just rendered it there.
 */
export function loadFixture(name: string, path = '/web'): Document {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  history.replaceState(null, '', path);
  document.title = parsed.title;
  document.body.replaceWith(document.importNode(parsed.body, true));
  return document;
}
