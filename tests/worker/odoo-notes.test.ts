import { beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../support/odoo-standin/data';
import { callbacks, deliverCallbacks, placeCall, installSyncHarness, wrapUp } from './support/odoo-sync';
import { clearDatabase } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

/** Text of an HTML body, tags dropped, entities of our escaping undone, lines kept. */
function textOf(body: string): string {
  return body
    .replace(/<br>|<\/li>|<\/p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the call note in Odoo', () => {
  it('lands once on the lead the call started from, authored by the agent, with everything an SDR needs', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    const [initiated, ringing, inProgress, legCompleted, parentCompleted] = callbacks(call, 'answered', 125);
    await deliverCallbacks(h, [initiated!, ringing!, inProgress!]);
    expect(
      (
        await wrapUp(h, marc, call.sid, {
          disposition: 'meeting_booked',
          note: 'Demo on Tuesday.\nBring the catalogue.',
        })
      ).status,
    ).toBe(200);
    await deliverCallbacks(h, [legCompleted!, parentCompleted!]);
    await h.drain();

    const [note, ...others] = h.notesOf(call.sid).filter((message) => message.body.includes(':note'));
    expect(others).toEqual([]);
    expect(note).toMatchObject({
      model: 'crm.lead',
      res_id: SEED.leads.officeDesign,
      author: marc.partnerId,
    });
    const text = textOf(note!.body);
    expect(text).toContain('Outbound call');
    expect(text).toContain(`Number: ${SEED.numbers.decoAddict}`);
    expect(text).toContain('Agent: Marc Demo');
    expect(text).toMatch(/Started: \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Brussels\)/);
    expect(text).toContain('Duration: 2 min 05 s');
    expect(text).toContain('Outcome: Answered');
    expect(text).toContain('Disposition: Meeting booked');
    expect(text).toContain('Note: Demo on Tuesday.\nBring the catalogue.');
    expect(text).not.toContain('Found by the number');
    expect(text).toContain(`Ref. c2c:${call.sid}:note`);
    const [message] = h.odoo.read('mail.message', note!.id, ['message_type', 'subtype_id']);
    expect(message).toMatchObject({ message_type: 'comment', subtype_id: [SEED.subtypes.note, 'Note'] });
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      log_attempts: 1,
      log_error: null,
      odoo_model: 'crm.lead',
      odoo_id: SEED.leads.officeDesign,
      odoo_name: 'Office Design Project',
      note_message_id: note!.id,
    });
  });
});
