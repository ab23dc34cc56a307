// @vitest-environment happy-dom
/**
 * The demo pages (tests/support/odoo-standin/pages) are what a person sees with `npm start` and
 * what the whole-story test clicks: they must keep matching the content script's selectors. Each
 * page is rendered from the stand-in's data and run through the real content script, as the
 * fixtures of tests/fixtures/odoo are.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContentScript, startContentScript } from '../../../extension/content/content-script';
import { SELECTORS } from '../../../extension/content/selectors';
import { OdooStandinCore } from '../../support/odoo-standin/core';
import { SEED } from '../../support/odoo-standin/index';
import { renderDemoPage } from '../../support/odoo-standin/pages/render';
import { type DemoView, viewOfHash, viewOfPath } from '../../support/odoo-standin/pages/urls';
import { type FakeChrome, installFakeChrome } from '../content/support/fake-chrome';
import { afterMutations, callButtonNames, callButtons } from '../content/support/page';
import { userClick } from '../content/support/user-events';

let fake: FakeChrome;
let script: ContentScript | null = null;
let core: OdooStandinCore;

beforeEach(() => {
  fake = installFakeChrome();
  core = new OdooStandinCore();
});

afterEach(() => {
  script?.stop();
  script = null;
});

/** Makes the test's document the demo page of `path`, as the browser would after loading it. */
async function open(path: string, view: DemoView | null = viewOfPath(path)): Promise<number> {
  script?.stop();
  const page = renderDemoPage(core, view);
  const parsed = new DOMParser().parseFromString(page.html, 'text/html');
  history.replaceState(null, '', path);
  document.title = parsed.title;
  document.body.replaceWith(document.importNode(parsed.body, true));
  script = startContentScript();
  await afterMutations();
  return page.status;
}

const count = (css: string) => document.querySelectorAll(css).length;

/** Every number the stand-in holds in these fields, as shown (non-empty, in list order). */
function numbersOf(model: 'crm.lead' | 'res.partner', fields: string[], ids?: number[]): string[] {
  const records = ids ? core.read(model, ids, fields) : core.searchRead(model, [], ['id', ...fields]);
  return records.flatMap((record) =>
    fields.map((field) => record[field]).filter((value) => typeof value === 'string'),
  );
}

describe('demo pages: the web client frame', () => {
  it.each(['/odoo/crm', '/odoo/crm/14', '/odoo/contacts', '/odoo/contacts/9'])(
    '%s is an Odoo web client page the content script watches',
    async (path) => {
      expect(await open(path)).toBe(200);
      expect(count(SELECTORS.webClient.css)).toBe(1);
      expect(count(SELECTORS.watchedRoots.css)).toBe(2);
      expect(document.querySelector('[role="note"]')?.textContent).toContain('Local Odoo stand-in');
    },
  );
});

describe('demo pages: call buttons', () => {
  it('the pipeline list: a button in every phone and mobile cell that has a number, none elsewhere', async () => {
    await open('/odoo/crm');
    const leads = core.searchRead('crm.lead', [], ['phone', 'mobile']);
    const expected = leads.flatMap((lead) =>
      ['phone', 'mobile'].flatMap((field) =>
        typeof lead[field] === 'string' ? [`Call ${lead[field]}`] : [],
      ),
    );
    expect(count(SELECTORS.listPhoneHeader.css)).toBe(2);
    expect(count(SELECTORS.listPhoneCell.css)).toBe(leads.length * 2);
    expect(callButtonNames()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(15);
  });

  it("a lead form: the phone widget's number, with the lead as the record of the call", async () => {
    await open('/odoo/crm/14');
    expect(count(SELECTORS.phoneField.css)).toBe(2);
    expect(count('.o_field_phone input')).toBe(2);
    expect(callButtonNames()).toEqual(['Call +32 10 588 558']);
    userClick(callButtons()[0] as HTMLButtonElement);
    await afterMutations();
    expect(fake.sent).toEqual([
      {
        target: 'background',
        type: 'dial',
        number: '+32 10 588 558',
        display: '+32 10 588 558',
        record: { model: 'crm.lead', id: SEED.leads.officeDesign },
        // The stand-in renders the lead's Country field: national numbers there are Belgian.
        country: 'Belgium',
      },
    ]);
  });

  it('a lead form at its 17.0 address (/web#…), served through the shell', async () => {
    const hash = 'id=3&model=crm.lead&view_type=form';
    await open(`/web#${hash}`, viewOfHash(new URLSearchParams(hash)));
    expect(callButtonNames()).toEqual(['Call 01 42 68 53 00']);
    userClick(callButtons()[0] as HTMLButtonElement);
    await afterMutations();
    expect(fake.sent[0]).toMatchObject({
      type: 'dial',
      record: { model: 'crm.lead', id: SEED.leads.moreauDesks },
    });
  });

  it('a lead with both numbers gets both buttons; a lead with none gets none', async () => {
    await open(`/odoo/crm/${SEED.leads.alamedaCustomDesks}`);
    expect(callButtonNames()).toEqual(
      numbersOf('crm.lead', ['phone', 'mobile'], [SEED.leads.alamedaCustomDesks]).map((n) => `Call ${n}`),
    );
    expect(callButtonNames()).toHaveLength(2);
    await open(`/odoo/crm/${SEED.leads.websiteInquiry}`);
    expect(callButtonNames()).toEqual([]);
  });

  it("a company's form: its own numbers carry the record, its contacts' numbers do not", async () => {
    await open(`/odoo/contacts/${SEED.partners.decoAddict}`);
    expect(count(SELECTORS.subRecords.css)).toBe(2);
    expect(callButtonNames()).toEqual(['Call +32 10 588 558', 'Call (223)-399-7637']);
    for (const button of callButtons()) {
      userClick(button);
      await afterMutations();
    }
    expect(fake.sent.map((message) => (message.type === 'dial' ? message.record : null))).toEqual([
      { model: 'res.partner', id: SEED.partners.decoAddict },
      undefined,
    ]);
  });

  it('the contacts list: a button per number, the company itself and the users left out', async () => {
    await open('/odoo/contacts');
    const names = callButtonNames();
    expect(names).toContain('Call +32 10 588 558');
    expect(names).toContain('Call 0478/22.33.44');
    expect(names).not.toContain('Call +1 555-555-5556');
    expect(document.body.textContent).not.toContain('Click-to-Call Worker');
  });

  it('18.3: leads have no mobile, and the list has no Mobile column', async () => {
    core = new OdooStandinCore({ version: '18.3' });
    await open('/odoo/crm');
    expect(count(SELECTORS.listPhoneHeader.css)).toBe(1);
    await open('/odoo/crm/14');
    expect(count(SELECTORS.phoneField.css)).toBe(1);
  });
});

describe('demo pages: the chatter', () => {
  it("shows the record's real messages, newest first, and a note posted later after a reload", async () => {
    await open('/odoo/crm/14');
    const before = count('.o-mail-Message');
    expect(before).toBe(core.messagesOn('crm.lead', 14).length);
    const id = core.database.insert(
      'mail.message',
      {
        model: 'crm.lead',
        res_id: 14,
        body: '<p>Outbound call, <b>answered</b>, 1 min 5 s</p>',
        message_type: 'comment',
        author_id: SEED.partners.marc,
        date: core.database.timestamp(),
      },
      SEED.users.marc,
    ).id;
    await open('/odoo/crm/14');
    expect(count('.o-mail-Message')).toBe(before + 1);
    const newest = document.querySelector('.o-mail-Message');
    expect(newest?.getAttribute('data-message-id')).toBe(String(id));
    expect(newest?.querySelector('.o-mail-Message-author')?.textContent).toBe('Marc Demo');
    expect(newest?.querySelector('.o-mail-Message-body b')?.textContent).toBe('answered');
  });

  it("lists the record's planned activities", async () => {
    await open('/odoo/crm/14');
    expect(document.querySelector('.o-mail-ActivityList')?.textContent).toContain('Follow up on the quote');
  });
});

describe('demo pages: every value is escaped', () => {
  it('a lead whose fields hold markup shows the text, and no element comes from it', async () => {
    core.database.update(
      'crm.lead',
      14,
      {
        name: '<img src=x onerror="alert(1)">Evil & Co',
        city: '"><script>alert(2)</script>',
        phone: '+32 10 588 558"><b>x</b>',
      },
      SEED.users.admin,
    );
    await open('/odoo/crm/14');
    expect(document.querySelectorAll('img, script:not([src]), b').length).toBe(0);
    expect(document.querySelector('.oe_title textarea')?.textContent).toBe(
      '<img src=x onerror="alert(1)">Evil & Co',
    );
    expect((document.querySelector('[name="city"] input') as HTMLInputElement).value).toBe(
      '"><script>alert(2)</script>',
    );
    await open('/odoo/crm');
    expect(document.querySelectorAll('.o_list_table img, .o_list_table b').length).toBe(0);
    expect(document.body.textContent).toContain('<img src=x onerror="alert(1)">Evil & Co');
  });

  it('a note with a script, an event handler and a javascript: link keeps only its text and safe markup', async () => {
    core.database.insert(
      'mail.message',
      {
        model: 'crm.lead',
        res_id: 14,
        body: '<p onclick="alert(1)">Call back <a href="javascript:alert(2)">here</a> or <a href="tel:+3210588558">+32 10 588 558</a></p><script>alert(3)</script></div></div>',
        message_type: 'comment',
        author_id: SEED.partners.marc,
        date: core.database.timestamp(),
      },
      SEED.users.marc,
    );
    await open('/odoo/crm/14');
    const body = document.querySelector('.o-mail-Message-body');
    const markup = body?.cloneNode(true) as HTMLElement;
    for (const host of markup.querySelectorAll('odoo-click-to-call')) host.remove();
    expect(markup.innerHTML).toBe(
      '<p>Call back <a>here</a> or <a href="tel:+3210588558" target="_blank" rel="noopener noreferrer">+32 10 588 558</a></p>',
    );
    // The stray closing tags did not close the page's own elements: the chatter is still whole.
    expect(body?.closest('.o-mail-Thread')).not.toBeNull();
    // The note's tel: link is a number like any other: it gets a call button.
    expect(callButtonNames()).toContain('Call +32 10 588 558');
  });
});

describe('demo pages: addresses', () => {
  it('a record that does not exist answers 404 with Odoo-like text', async () => {
    expect(await open('/odoo/crm/999')).toBe(404);
    expect(document.body.textContent).toContain('Record does not exist or has been deleted.');
    expect(callButtons()).toEqual([]);
  });
});
