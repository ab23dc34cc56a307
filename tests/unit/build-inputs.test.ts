import { describe, expect, it } from 'vitest';
import { originMatchPattern, readBuildInputs, toOrigin } from '../../extension/build-inputs';

describe('extension build inputs', () => {
  it('defaults to Odoo Online and a local worker', () => {
    expect(readBuildInputs({})).toEqual({
      odooOrigins: ['https://*.odoo.com'],
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
