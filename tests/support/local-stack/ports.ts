/**
 * `npm start` listens on fixed, documented ports (options.ts). Before anything starts, each is
 * checked, so a port already taken (another `npm start`, a real Odoo on 8069…) is told in one
 * clear message with the flag that chooses another, instead of a stack trace halfway through.
 */
import { createServer } from 'node:net';
import { DEFAULT_PORTS, PORT_FLAGS, type PortName } from './options.ts';

const PIECES: Record<PortName, string> = {
  worker: 'the worker',
  odoo: 'the Odoo stand-in',
  twilioSignaling: "the Twilio emulator's signaling",
  twilioControl: "the Twilio emulator's control API",
  debug: "Chromium's remote debugging",
};

/** Whether something already listens on 127.0.0.1:`port` (or it cannot be bound). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

export class PortsTakenError extends Error {}

/** Throws a PortsTakenError naming every taken port, its piece and its flag. */
export async function assertPortsFree(ports: Partial<Record<PortName, number>>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports) as [PortName, number][]) {
    if (await portTaken(port)) {
      const usual = DEFAULT_PORTS[name] === port ? ' (its default)' : '';
      taken.push(
        `  port ${port}${usual} for ${PIECES[name]} is taken: choose another with ${PORT_FLAGS[name]} <port>`,
      );
    }
  }
  if (taken.length > 0) {
    throw new PortsTakenError(
      `Cannot start: ${taken.length === 1 ? 'a port is' : 'ports are'} already in use (another npm start?).\n${taken.join('\n')}`,
    );
  }
}
