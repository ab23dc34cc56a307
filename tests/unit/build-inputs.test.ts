import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { originMatchPattern, readBuildInputs, toOrigin } from '../../extension/build-inputs';
import { patternCovers } from '../../extension/lib/match-pattern';
import manifestFor, { odooContentScript } from '../../manifest.config.ts';

describe('extension build inputs', () => {
  it('defaults to no declared Odoo, host access to Odoo Online, and a local worker', () => {
    expect(readBuildInputs({})).toEqual({
      odooOrigins: [],
      odooHostAccess: ['https://*.odoo.com'],
      workerUrl: 'http://127.0.0.1:8787',
    });
  });

  it('reads a comma list of Odoo URLs as origins', () => {
    const inputs = readBuildInputs({
      ODOO_URL: 'https://acme.odoo.com/web#id=14, https://erp.acme.fr:8443/odoo/crm ,',
      WORKER_URL: 'https://calls.acme.workers.dev/',
    });
    expect(inputs).toEqual({
      odooOrigins: ['https://acme.odoo.com', 'https://erp.acme.fr:8443'],
      odooHostAccess: ['https://acme.odoo.com', 'https://erp.acme.fr:8443'],
      workerUrl: 'https://calls.acme.workers.dev',
    });
  });

  it('keeps a leading host wildcard and refuses what is not an http(s) origin', () => {
    expect(toOrigin('https://*.odoo.com')).toBe('https://*.odoo.com');
    expect(() => toOrigin('ftp://odoo.example')).toThrow(/Not an http\(s\) origin/);
    expect(() => toOrigin('odoo.example.com')).toThrow(/Not an http\(s\) origin/);
  });

  it('turns an origin into a match pattern without the port', () => {
    expect(originMatchPattern('https://erp.acme.fr:8443')).toBe('https://erp.acme.fr/*');
    expect(originMatchPattern('https://*.odoo.com')).toBe('https://*.odoo.com/*');
  });
});

describe("the manifest's Odoo content script (issue 12, item 14)", () => {
  it('runs on no page of a build without ODOO_URL: every page it matches, it excludes', () => {
    const script = odooContentScript(readBuildInputs({}));
    expect(script.js).toEqual(['extension/content/index.ts']);
    expect(script.matches).toEqual(['https://*.odoo.com/*']);
    const excluded = ('exclude_matches' in script ? script.exclude_matches : undefined) ?? [];
    for (const match of script.matches) {
      expect(excluded.some((exclusion) => patternCovers(exclusion, match))).toBe(true);
    }
  });

  it('runs on the ODOO_URL origins, and only there, when the build has them', () => {
    const script = odooContentScript(readBuildInputs({ ODOO_URL: 'https://acme.odoo.com' }));
    expect(script).toEqual({
      matches: ['https://acme.odoo.com/*'],
      js: ['extension/content/index.ts'],
      run_at: 'document_idle',
    });
  });
});

describe("the manifest's keyboard shortcuts (issue 13)", () => {
  const root = new URL('../../', import.meta.url);
  type Messages = Record<string, { message: string }>;
  const locale = (language: string): Messages =>
    JSON.parse(readFileSync(new URL(`extension/public/_locales/${language}/messages.json`, root), 'utf8'));

  async function builtCommands() {
    const manifest = await (manifestFor as unknown as (env: object) => Promise<{ commands?: unknown }>)({
      command: 'build',
      mode: 'production',
    });
    return manifest.commands as Record<
      string,
      { suggested_key?: { default?: string }; description?: string }
    >;
  }

  it('declares answer, hang up, mute and the popup, each with its own key Chrome accepts', async () => {
    const commands = await builtCommands();
    expect(Object.keys(commands).sort()).toEqual([
      '_execute_action',
      'answer-call',
      'hang-up',
      'toggle-mute',
    ]);
    const keys = Object.values(commands).map((command) => command.suggested_key?.default);
    // At most four suggested keys; each with Ctrl or Alt, never both (AltGr).
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) {
      expect(key).toMatch(/^(Ctrl|Alt)\+(Shift\+)?[A-Z0-9]$/);
      expect(key).not.toMatch(/Ctrl.*Alt|Alt.*Ctrl/);
    }
  });

  it('describes every shortcut in English and French', async () => {
    for (const [name, command] of Object.entries(await builtCommands())) {
      const key = /^__MSG_(\w+)__$/.exec(command.description ?? '')?.[1];
      expect(key, name).toBeTruthy();
      for (const language of ['en', 'fr'])
        expect(locale(language)[key!]?.message, `${language}: ${name}`).toBeTruthy();
    }
  });
});
