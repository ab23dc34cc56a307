import { describe, expect, it } from 'vitest';
import { callerNumber } from '../../support/local-stack/call-in';
import { type ReadyFacts, readyText } from '../../support/local-stack/instructions';

const FACTS: ReadyFacts = {
  seconds: 12.34,
  browser: 'headless',
  leadUrl: 'http://127.0.0.1:8069/odoo/crm/14',
  popupUrl: 'chrome-extension://id/extension/popup/index.html',
  optionsUrl: 'chrome-extension://id/extension/options/index.html',
  workerUrl: 'http://127.0.0.1:8787',
  emulatorControlUrl: 'http://127.0.0.1:8444',
  odooUrl: 'http://127.0.0.1:8069',
  debugPort: 9222,
  agent: { name: 'Marc Demo', login: 'demo', password: 'marc-standin-password' },
  customerNumber: '+3210588558',
  companyNumber: '+33100000000',
};

describe('what npm start prints once ready', () => {
  it('says where to click, who is signed in and how a customer calls in', () => {
    const text = readyText(FACTS);
    expect(text).toContain('Ready in 12.3 s.');
    expect(text).toContain('Demo lead (Odoo)   http://127.0.0.1:8069/odoo/crm/14');
    expect(text).toContain('Popup (dialer)     chrome-extension://id/extension/popup/index.html');
    expect(text).toContain('Marc Demo: login demo, password marc-standin-password');
    expect(text).toContain('"Simulate an incoming call"');
    expect(text).toContain('npm run call-in -- +3210588558');
    expect(text).toContain('Ctrl-C stops everything.');
  });

  it('headless: how to see the browser (remote debugging on its port, or a virtual display)', () => {
    const text = readyText(FACTS);
    expect(text).toContain('chrome://inspect');
    expect(text).toContain('add 127.0.0.1:9222');
    expect(text).toContain('http://127.0.0.1:9222/json/list');
    expect(text).toContain('xvfb-run -a npm start -- --headed');
  });

  it('headed: the window is there; without a browser: how to load the extension', () => {
    expect(readyText({ ...FACTS, browser: 'headed' })).not.toContain('chrome://inspect');
    expect(readyText({ ...FACTS, browser: 'none' })).toContain('.local-stack/extension');
  });
});

describe('npm run call-in: the caller number', () => {
  it.each([
    ['+32 10 588 558', '+3210588558'],
    ['0032 10 588 558', '+3210588558'],
    ['+33 (1) 42.68.53-00', '+33142685300'],
  ])('%s → %s', (input, expected) => {
    expect(callerNumber(input)).toBe(expected);
  });

  it.each(['010 588 558', '+0 1234567', 'call me', '+12'])('refuses %s', (input) => {
    expect(callerNumber(input)).toBeNull();
  });
});
