/**
 * The demo's "Simulate an incoming call" button on a record page: the record's customer calls the
 * company's number (a PSTN call placed at the Twilio emulator, through `POST
 * /__demo/incoming-call`; the page's script sends it and shows the answer in the status line).
 * Shown only when the record has a number Odoo could sanitise, the one a caller would present.
 */
import { html, type SafeHtml } from '../html';
import type { DemoModel } from '../urls';

export function callInButton(model: DemoModel, id: number, sanitizedNumber: unknown): SafeHtml {
  if (typeof sanitizedNumber !== 'string' || sanitizedNumber === '') return html``;
  return html`<div class="o_demo_call_in">
<button type="button" class="btn btn-secondary" data-demo-call-in data-model="${model}" data-id="${id}">Simulate an incoming call</button>
<span class="o_demo_call_in_status" role="status" aria-live="polite"></span>
</div>`;
}
