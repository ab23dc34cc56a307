import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (language: string): Messages =>
  JSON.parse(readFileSync(join(root, `extension/public/_locales/${language}/messages.json`), 'utf8'));
const en = load('en');
const fr = load('fr');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'public' ? [] : sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}
const sources = [...sourceFiles(join(root, 'extension')), join(root, 'manifest.config.ts')].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

/** Keys named directly: `t('key'…)`, `chrome.i18n.getMessage('key')`, `__MSG_key__`. */
function keysUsed(): Set<string> {
  const keys = new Set<string>();
  for (const { text } of sources) {
    for (const match of text.matchAll(/\b(?:t|getMessage)\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(match[1]!);
    for (const match of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.add(match[1]!);
  }
  return keys;
}

const placeholders = (entry: Messages[string] | undefined) => Object.keys(entry?.placeholders ?? {}).sort();

describe('locales', () => {
  it('has every string a person sees in English and in French', () => {
    for (const key of keysUsed()) {
      expect(en[key]?.message, `en: ${key}`).toBeTruthy();
      expect(fr[key]?.message, `fr: ${key}`).toBeTruthy();
    }
  });

  it('has the same keys and placeholders in both languages', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
      for (const name of placeholders(en[key])) {
        expect(en[key]!.message, `${key} uses $${name}$`).toContain(`$${name.toUpperCase()}$`);
        expect(fr[key]!.message, `${key} uses $${name}$ in French`).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  // docs/ui.md, "Words": the same word for the same thing in the popup, the page and the chatter.
  it('says an outcome "résultat" and a wrap-up "compte rendu" in French, everywhere', () => {
    const misworded = Object.keys(en).filter(
      (key) =>
        (/\boutcome/i.test(en[key]!.message) && !/résultat/i.test(fr[key]!.message)) ||
        (/\bwrap-up/i.test(en[key]!.message) && !/compte(\(s\))? rendu/i.test(fr[key]!.message)),
    );
    expect(misworded.map((key) => `${key}: ${fr[key]!.message}`)).toEqual([]);
  });

  it('has no string that nothing uses', () => {
    const everything = sources.map((source) => source.text).join('\n');
    const unused = Object.keys(en).filter(
      (key) => ![`'${key}'`, `"${key}"`, `__MSG_${key}__`].some((use) => everything.includes(use)),
    );
    expect(unused).toEqual([]);
  });
});
