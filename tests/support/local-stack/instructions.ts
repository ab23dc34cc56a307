/**
 * What `npm start` prints once everything answers: where to look, what to click, who is signed
 * in, how a customer calls in, how to see a headless browser. Pure, so it is tested as text.
 */
import type { BrowserMode } from './options.ts';

export interface ReadyFacts {
  seconds: number;
  browser: BrowserMode;
  leadUrl: string;
  popupUrl: string;
  optionsUrl: string;
  workerUrl: string;
  emulatorControlUrl: string;
  odooUrl: string;
  debugPort: number;
  agent: { name: string; login: string; password: string };
  /** The demo lead's customer number (E.164): what `npm run call-in` is shown with. */
  customerNumber: string;
  companyNumber: string;
}

function browserLines(facts: ReadyFacts): string[] {
  const inspect = `http://127.0.0.1:${facts.debugPort}`;
  switch (facts.browser) {
    case 'headed':
      return [`Chromium is open on the demo lead, with the extension signed in.`];
    case 'headless':
      return [
        'Chromium runs headless (no display here), with the extension signed in. To see it:',
        `  - from a Chrome on this machine: open chrome://inspect, "Configure…" → add 127.0.0.1:${facts.debugPort},`,
        '    then "inspect" the lead page (a live view you can click);',
        `  - the pages it has open: ${inspect}/json/list`,
        '  - with a virtual display: xvfb-run -a npm start -- --headed  (Debian: apt install xvfb)',
        '  On a machine with a display, npm start opens a window.',
      ];
    case 'none':
      return [
        'No browser (--no-browser). Load the extension unpacked from .local-stack/extension in',
        'chrome://extensions, then sign in from its options page with the account below.',
      ];
  }
}

export function readyText(facts: ReadyFacts): string {
  return [
    '',
    `Ready in ${facts.seconds.toFixed(1)} s. Everything runs on this machine; no account anywhere.`,
    '',
    `  Demo lead (Odoo)   ${facts.leadUrl}`,
    `  Pipeline           ${facts.odooUrl}/odoo/crm      contacts: ${facts.odooUrl}/odoo/contacts`,
    `  Popup (dialer)     ${facts.popupUrl}`,
    `  Options            ${facts.optionsUrl}`,
    `  Worker             ${facts.workerUrl}/health`,
    `  Twilio emulator    ${facts.emulatorControlUrl}/calls   (every call it has seen, as JSON)`,
    '',
    `  Demo agent         ${facts.agent.name}: login ${facts.agent.login}, password ${facts.agent.password}`,
    '',
    ...browserLines(facts),
    '',
    'Try it:',
    '  1. On the lead page, click the call button next to a phone number: the Twilio emulator',
    '     answers and plays your voice back. Mute, press digits in the popup, hang up.',
    '  2. Pick an outcome and write a note in the popup: it goes onto the lead in Odoo.',
    `  3. A customer calls ${facts.companyNumber} (the company number): click "Simulate an incoming call"`,
    `     on the lead page, or run  npm run call-in -- ${facts.customerNumber}`,
    '     The toast shows who calls; Accept.',
    '',
    'Ctrl-C stops everything. npm start -- --reset starts again from empty state.',
    '',
  ].join('\n');
}
