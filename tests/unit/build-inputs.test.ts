import { describe, expect, it } from 'vitest';
import { originMatchPattern, readBuildInputs, toOrigin } from '../../extension/build-inputs';
import { patternCovers } from '../../extension/lib/match-pattern';
import { odooContentScript } from '../../manifest.config.ts';

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
