/**
 * Odoo 17-style pages on the stand-in, for the local demo (`npm start`) and the whole-story test:
 * the CRM pipeline as a list, lead forms, the contacts list and contact forms, rendered from the
 * stand-in's live data, at Odoo's own addresses:
 *
 *   /odoo/crm, /odoo/crm/14, /odoo/crm.lead/14, /odoo/contacts, /odoo/contacts/9   (17.2+)
 *   /web#id=14&model=crm.lead&view_type=form, /web#model=res.partner&view_type=list (17.0)
 *
 * Links and list rows navigate inside the page (no reload), as Odoo's web client does. A record
 * page has a "Simulate an incoming call" button: the record's customer calls the company number.
 *
 *   addDemoPages(standin, { simulateIncomingCall: (from) => emulator.placeInboundCall({ from, to }).sid });
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ApiErrorBody, ErrorCode } from '../../../../shared/errors';
import { send, sendJson } from '../http';
import type { OdooStandin } from '../index';
import type { RouteContext } from '../router';
import { DEMO_ASSETS } from './layout';
import { renderDemoPage, webShellPage } from './render';
import { HOME_VIEW, pathOfView, viewOfHash, viewOfPath } from './urls';

export interface DemoPagesOptions {
  /** Places a call from `from` (E.164) to the company's number; returns its CallSid. */
  simulateIncomingCall?: (from: string) => string | Promise<string>;
}

const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

const incomingCallRequest = z.object({
  model: z.enum(['crm.lead', 'res.partner']),
  id: z.number().int().positive(),
});

function sendPage(context: RouteContext, page: { status: number; html: string }): void {
  send(context.res, {
    kind: 'response',
    status: page.status,
    contentType: 'text/html; charset=utf-8',
    body: page.html,
  });
}

function sendError(
  context: RouteContext,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  const body: ApiErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  sendJson(context.res, status, body);
}

async function parseJson(context: RouteContext): Promise<unknown> {
  try {
    return JSON.parse(await context.body());
  } catch {
    return undefined;
  }
}

export function addDemoPages(standin: OdooStandin, options: DemoPagesOptions = {}): void {
  const css = asset('odoo.css');
  const script = asset('client.js');

  standin.route('GET', '/', ({ res }) => {
    res.writeHead(302, { Location: pathOfView(HOME_VIEW) }).end();
  });
  standin.route('GET', '/web', (context) => sendPage(context, { status: 200, html: webShellPage() }));
  standin.route('GET', '/odoo/*', (context) =>
    sendPage(context, renderDemoPage(standin, viewOfPath(context.url.pathname))),
  );
  // The 17.0 shell's script sends the hash's keys here (the hash never reaches a server).
  standin.route('GET', '/__demo/view', (context) =>
    sendPage(context, renderDemoPage(standin, viewOfHash(context.url.searchParams))),
  );
  standin.route('GET', DEMO_ASSETS.css, ({ res }) =>
    send(res, { kind: 'response', status: 200, contentType: 'text/css; charset=utf-8', body: css }),
  );
  standin.route('GET', DEMO_ASSETS.script, ({ res }) =>
    send(res, { kind: 'response', status: 200, contentType: 'text/javascript; charset=utf-8', body: script }),
  );

  standin.route(
    'POST',
    '/__demo/incoming-call',
    async (context) => {
      const parsed = incomingCallRequest.safeParse(await parseJson(context));
      if (!parsed.success) {
        sendError(
          context,
          400,
          'bad_request',
          'Send {"model": "crm.lead" | "res.partner", "id": <record id>}.',
        );
        return;
      }
      const { model, id } = parsed.data;
      const [record] = standin.read(model, id, ['phone_sanitized', 'display_name']);
      if (!record) {
        sendError(context, 404, 'not_found', `There is no ${model} ${id}.`);
        return;
      }
      if (typeof record.phone_sanitized !== 'string') {
        sendError(
          context,
          409,
          'conflict',
          `${String(record.display_name)} has no valid phone number to call from.`,
        );
        return;
      }
      if (!options.simulateIncomingCall) {
        sendError(context, 503, 'not_configured', 'No Twilio emulator is connected to this stand-in.');
        return;
      }
      try {
        const callSid = await options.simulateIncomingCall(record.phone_sanitized);
        sendJson(context.res, 201, { callSid, from: record.phone_sanitized, name: record.display_name });
      } catch (error) {
        sendError(context, 502, 'internal', `The Twilio emulator did not place the call: ${String(error)}`);
      }
      // A demo control, not part of Odoo: it works whatever failure the stand-in plays.
    },
    'exempt',
  );
}
