import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, parseLaunchOptions, UsageError } from '../../support/local-stack/options';

const ROOT = '/repo';

describe('npm start options', () => {
  it('uses the documented ports and a headless browser where there is no display', () => {
    const options = parseLaunchOptions([], {}, ROOT);
    expect(options.ports).toEqual(DEFAULT_PORTS);
    expect(options.ports).toMatchObject({ worker: 8787, odoo: 8069 });
    expect(options).toMatchObject({ browser: 'headless', fakeMedia: true, reset: false, help: false });
    expect(options.stateDir).toBe('/repo/.local-stack');
  });

  it('opens a window where there is a display, with the real microphone unless asked', () => {
    expect(parseLaunchOptions([], { DISPLAY: ':0' }, ROOT)).toMatchObject({
      browser: 'headed',
      fakeMedia: false,
    });
    expect(parseLaunchOptions([], { WAYLAND_DISPLAY: 'wayland-0' }, ROOT).browser).toBe('headed');
    expect(parseLaunchOptions(['--fake-media'], { DISPLAY: ':0' }, ROOT).fakeMedia).toBe(true);
    expect(parseLaunchOptions(['--headless'], { DISPLAY: ':0' }, ROOT).browser).toBe('headless');
    expect(parseLaunchOptions(['--headed'], {}, ROOT).browser).toBe('headed');
    expect(parseLaunchOptions(['--no-browser'], {}, ROOT).browser).toBe('none');
  });

  it('takes a port per piece, a state folder and --reset', () => {
    const options = parseLaunchOptions(
      [
        '--worker-port',
        '9787',
        '--odoo-port',
        '9069',
        '--debug-port',
        '9333',
        '--state-dir',
        'tmp/s',
        '--reset',
      ],
      {},
      ROOT,
    );
    expect(options.ports).toMatchObject({ worker: 9787, odoo: 9069, debug: 9333, twilioSignaling: 8443 });
    expect(options).toMatchObject({ reset: true, stateDir: '/repo/tmp/s' });
  });

  it.each([
    [['--worker-port', 'abc'], '--worker-port must be a port number (1-65535), not "abc".'],
    [['--odoo-port', '70000'], '--odoo-port must be a port number (1-65535), not "70000".'],
    [['--odoo-port', '0'], '--odoo-port must be a port number (1-65535), not "0".'],
    [['--headed', '--headless'], 'Choose one of --headed, --headless and --no-browser.'],
    [['--worker-port', '8069'], 'Each piece needs its own port.'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseLaunchOptions(argv, {}, ROOT)).toThrow(new UsageError(message));
  });

  it('refuses unknown options and stray words', () => {
    expect(() => parseLaunchOptions(['--port', '1'], {}, ROOT)).toThrow(UsageError);
    expect(() => parseLaunchOptions(['now'], {}, ROOT)).toThrow(UsageError);
  });
});
