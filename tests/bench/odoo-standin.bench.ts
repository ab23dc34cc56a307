/**
 * How long the Odoo stand-in takes to answer the worker's two hot calls (caller look-up by
 * number, note posting), over HTTP on loopback and through its in-process fetch. Tells whether
 * the stand-in weighs on the issue-3 targets it is used to measure (note visible ≤ 2 s p95,
 * inbound TwiML within a 1.5 s look-up budget): it should be a few milliseconds.
 */

import { createOdooClient, type OdooSession } from '../support/odoo-standin/client';
import { OdooStandinCore, SEED, startOdooStandin } from '../support/odoo-standin/index';
import { defineBenchmark } from './benchmark';
import { summarize } from './stats';

const RUNS = 300;

async function time(run: () => Promise<unknown>): Promise<number[]> {
  for (let warm = 0; warm < 20; warm += 1) await run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

const lookUp = (session: OdooSession) => () =>
  session.searchRead('crm.lead', [['phone_mobile_search', '=', SEED.numbers.decoAddict]], {
    fields: ['name', 'user_id', 'partner_id', 'write_date'],
    order: 'write_date desc, id desc',
    limit: 1,
  });

const post = (session: OdooSession) => () =>
  session.messagePost('crm.lead', SEED.leads.officeDesign, {
    body: '<p>Outbound call, answered, 2 min 5 s</p>',
    body_is_html: true,
    message_type: 'comment',
    subtype_xmlid: 'mail.mt_note',
    author_id: SEED.partners.marc,
  });

export default defineBenchmark({
  title: 'Odoo stand-in answer time',
  async run() {
    const server = await startOdooStandin();
    try {
      const { uid, apiKey } = server.credentials.service;
      const overHttp = createOdooClient({ url: server.url, db: server.db }).session(uid, apiKey);
      const core = new OdooStandinCore();
      const inProcess = createOdooClient({ url: 'http://odoo.test', db: core.db, fetch: core.fetch }).session(
        uid,
        apiKey,
      );
      const rows = [
        { measure: 'look-up by number (search_read), HTTP', samples: await time(lookUp(overHttp)) },
        { measure: 'message_post, HTTP', samples: await time(post(overHttp)) },
        {
          measure: 'look-up by number (search_read), in-process fetch',
          samples: await time(lookUp(inProcess)),
        },
        { measure: 'message_post, in-process fetch', samples: await time(post(inProcess)) },
      ];
      return {
        rows: rows.map(({ measure, samples }) => ({ measure, unit: 'ms', summary: summarize(samples) })),
        notes: [
          `${RUNS} sequential calls each after 20 warm-up calls, one client, keep-alive HTTP on 127.0.0.1.`,
          `message_post grows the chatter by one note per call (up to ${RUNS + 20 + 24} messages); look-ups run on 22 leads.`,
        ],
      };
    } finally {
      await server.close();
    }
  },
});
