import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, maskNumber, writeLog } from '../../worker/log';

describe('worker logs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON object per line, errors to stderr', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    writeLog('info', 'request', { path: '/token', status: 200 });
    writeLog('error', 'odoo_sync', { callSid: 'CA1' });
    expect(JSON.parse(out.mock.calls[0]![0] as string)).toEqual({
      level: 'info',
      event: 'request',
      path: '/token',
      status: 200,
    });
    expect(JSON.parse(err.mock.calls[0]![0] as string)).toMatchObject({ level: 'error', callSid: 'CA1' });
  });

  it('never shows a whole phone number', () => {
    expect(maskNumber('+33612345678')).toBe('+33•••••••78');
    expect(maskNumber('+14155550132')).toBe('+14•••••••32');
    expect(maskNumber('+3210588558')).toBe('+3•••••••58');
    expect(maskNumber('client:odoo_7')).toBe('client:odoo_7');
    expect(maskNumber('<script>')).toBe('•••');
    expect(maskNumber(undefined)).toBeUndefined();
  });

  it('describes errors by name and message only, cut short', () => {
    expect(describeError(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeError('x'.repeat(1000))).toHaveLength(300);
  });
});
