// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EAGER_PLACES } from '../../../extension/content/annotator';
import { type ContentScript, startContentScript } from '../../../extension/content/content-script';
import { CHUNK_SIZE } from '../../../extension/content/near-viewport';
import { installFakeChrome } from './support/fake-chrome';
import { fixtureHtml, loadFixture } from './support/fixtures';
import { afterMutations, callButtonNames } from './support/page';
import { type FakeViewport, installFakeViewport } from './support/viewport';

let script: ContentScript | null = null;

beforeEach(() => {
  installFakeChrome();
});

afterEach(() => {
  script?.stop();
  script = null;
  vi.restoreAllMocks();
});

/** Our button hosts in the page, visible or not: a duplicate would show here. */
function hostCount(): number {
  return document.querySelectorAll('odoo-click-to-call').length;
}

/** A list row like Odoo's, with a phone and a mobile cell. */
function row(phone: string, mobile = ''): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = 'o_data_row';
  for (const [name, text] of [
    ['name', 'Lead'],
    ['phone', phone],
    ['mobile', mobile],
  ] as const) {
    const td = document.createElement('td');
    td.className = 'o_data_cell o_field_cell o_list_char';
    td.setAttribute('name', name);
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

/** The main view's content, as Odoo swaps it when navigating. */
function showView(fixture: string): void {
  const parsed = new DOMParser().parseFromString(fixtureHtml(fixture), 'text/html');
  const view = parsed.querySelector('.o_action_manager > *');
  document.querySelector('.o_action_manager')?.replaceChildren(document.importNode(view as Element, true));
}

describe('following Odoo as it re-renders', () => {
  it('keeps one button per number through 50 re-renders of the list', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    const tbody = document.querySelector('tbody') as HTMLElement;
    // Odoo renders rows from its own state, never from our annotated DOM: keep pristine copies.
    const pristine = Array.from(tbody.children, (tr) => tr.cloneNode(true));
    script = startContentScript();
    for (let render = 0; render < 50; render++) {
      // Odoo re-renders rows (new nodes) or patches cells in place; do both in turn.
      if (render % 2 === 0) {
        tbody.replaceChildren(...pristine.map((tr) => tr.cloneNode(true)));
      } else {
        for (const cell of tbody.querySelectorAll('td[name="phone"]')) {
          const text = cell.lastChild;
          if (text?.nodeType === Node.TEXT_NODE) text.nodeValue = `${text.nodeValue}`;
        }
      }
      await afterMutations();
    }
    expect(callButtonNames()).toHaveLength(5);
    expect(hostCount()).toBe(5);
    expect(script?.buttonCount).toBe(5);
  });

  it('puts back a button Odoo wiped with the cell text, with the new number', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    const cell = document.querySelector('td[name="phone"]') as HTMLElement;
    cell.textContent = '+32 2 290 34 90';
    await afterMutations();
    expect(callButtonNames()[0]).toBe('Call +32 2 290 34 90');
    expect(hostCount()).toBe(5);
  });

  it('annotates the next page of a list and forgets the previous one', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    const tbody = document.querySelector('tbody') as HTMLElement;
    tbody.replaceChildren(row('+33 1 00 00 00 01', '+33 6 00 00 00 01'), row(''), row('0470 00 00 02'));
    await afterMutations();
    expect(callButtonNames()).toEqual([
      'Call +33 1 00 00 00 01',
      'Call +33 6 00 00 00 01',
      'Call 0470 00 00 02',
    ]);
    expect(script?.buttonCount).toBe(3);
  });

  it('annotates the rows of a group when it is unfolded', async () => {
    loadFixture('lead-list-grouped-17.0.html', '/odoo/crm');
    script = startContentScript();
    const folded = Array.from(document.querySelectorAll('tr.o_group_header')).find((tr) =>
      tr.textContent?.includes('Marc Demo'),
    );
    folded?.after(row('+1 555 000 0001'), row('+1 555 000 0002', '+1 555 000 0003'));
    await afterMutations();
    expect(callButtonNames()).toEqual([
      'Call +32 10 588 558',
      'Call +1 555 000 0001',
      'Call +1 555 000 0002',
      'Call +1 555 000 0003',
      'Call +1 555 754 3010',
    ]);
  });

  it('follows a number Odoo changes in place (an onchange updates the link)', async () => {
    loadFixture('lead-form-readonly-17.0.html', '/web#id=14&model=crm.lead&view_type=form');
    script = startContentScript();
    const link = document.querySelector('a.o_form_uri') as HTMLAnchorElement;
    link.setAttribute('href', 'tel:+3222903490');
    link.firstChild!.nodeValue = '+32 2 290 34 90';
    await afterMutations();
    expect(callButtonNames()).toEqual(['Call +32 2 290 34 90', 'Call +32 470 12 34 56']);
  });

  it('takes away the button of a tel: link Odoo removes on its own (the button sits after it)', async () => {
    loadFixture('lead-chatter-17.0.html', '/web#id=14&model=crm.lead&view_type=form');
    script = startContentScript();
    expect(callButtonNames()).toEqual(['Call +32 10 588 558', 'Call +33 1 25 54 45 69']);
    document.querySelector('.o-mail-Message-body a[href^="tel:"]')?.remove();
    await afterMutations();
    expect(callButtonNames()).toEqual(['Call +32 10 588 558']);
    expect(hostCount()).toBe(1);
    expect(script?.buttonCount).toBe(1);
  });

  it('annotates a dialog when it opens and forgets it when it closes', async () => {
    loadFixture('lead-form-empty-17.0.html', '/web#id=31&model=crm.lead&view_type=form');
    script = startContentScript();
    const parsed = new DOMParser().parseFromString(fixtureHtml('partner-dialog-17.0.html'), 'text/html');
    const dialog = document.importNode(parsed.querySelector('.o_dialog') as Element, true);
    document.querySelector('.o-overlay-container')?.append(dialog);
    await afterMutations();
    expect(callButtonNames()).toEqual(['Call (603)-996-3829']);
    dialog.remove();
    await afterMutations();
    expect(script?.buttonCount).toBe(0);
  });

  it('annotates the web client once it mounts (the content script can run first)', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    const roots = Array.from(document.body.children);
    for (const root of roots) root.remove();
    script = startContentScript();
    expect(script?.buttonCount).toBe(0);
    document.body.append(...roots);
    await afterMutations();
    expect(callButtonNames()).toHaveLength(5);
    // Still watched after the content script's own changes (made with the watcher off).
    document.querySelector('tbody')?.append(row('+33 1 00 00 00 09'));
    await afterMutations();
    expect(callButtonNames()).toHaveLength(6);
  });

  it('forgets the numbers of a view the web client takes out of the page as a whole', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    const views = document.querySelector('.o_action_manager') as Element;
    const fresh = views.cloneNode(false) as Element;
    fresh.append(row('+33 1 00 00 00 01'));
    views.replaceWith(fresh);
    await afterMutations();
    expect(callButtonNames()).toEqual(['Call +33 1 00 00 00 01']);
    expect(script?.buttonCount).toBe(1);
  });

  it('keeps the same button on a row Odoo moves (a sorted list), and one only', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    const tbody = document.querySelector('tbody') as HTMLElement;
    const last = tbody.querySelector('tr.o_data_row:last-of-type') as HTMLElement;
    const button = last.querySelector('odoo-click-to-call');
    expect(button).not.toBeNull();
    tbody.prepend(last);
    await afterMutations();
    expect(last.querySelector('odoo-click-to-call')).toBe(button);
    expect(hostCount()).toBe(5);
    expect(script?.buttonCount).toBe(5);
  });

  it('leaves alone what is outside the views and dialogs (the navbar is not watched)', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    const link = document.createElement('a');
    link.href = 'tel:+3210588558';
    link.textContent = 'Support';
    document.querySelector('.o_main_navbar')?.append(link);
    await afterMutations();
    expect(hostCount()).toBe(5);
  });
});

describe('very large views', () => {
  function bigList(rows: number, prefix = '+32 2 000'): HTMLTableSectionElement {
    const tbody = document.querySelector('tbody') as HTMLTableSectionElement;
    tbody.replaceChildren(
      ...Array.from({ length: rows }, (_, index) => row(`${prefix} ${String(index).padStart(4, '0')}`)),
    );
    return tbody;
  }

  /** The content script started on Odoo's list view, which then shows `rows` rows. */
  function startOnBigList(rows: number): HTMLTableSectionElement {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    return bigList(rows);
  }

  /**
   * Waits until the batch the page's last change started is done, slices included. The page
   * watcher must have been called first: before it, nothing is pending either.
   */
  async function batchDone(): Promise<void> {
    await afterMutations();
    await vi.waitFor(() => expect(script?.pending).toBe(false));
  }

  /** Row index of each visible button, from its name (`Call +32 2 000 0042` → 42). */
  function annotatedRows(): number[] {
    return callButtonNames().map((name) => Number(name.slice(-4)));
  }

  const range = (from: number, to: number): number[] =>
    Array.from({ length: to - from }, (_, index) => from + index);

  // Each row has two places for a number (phone, and an empty mobile): a run covers half as many rows.
  const EAGER_ROWS = EAGER_PLACES / 2;
  const RUN_ROWS = CHUNK_SIZE / 2;
  const runsFor = (rows: number): number => Math.ceil((2 * rows - EAGER_PLACES) / CHUNK_SIZE);

  describe('where the browser can tell what is near the viewport', () => {
    let viewport: FakeViewport;
    beforeEach(() => {
      viewport = installFakeViewport();
    });
    afterEach(() => {
      script?.stop();
      viewport.restore();
    });

    /** Whether a watched cell is one of the list's rows `from` to `to` (excluded). */
    const rowsBetween =
      (from: number, to: number) =>
      (cell: Element): boolean => {
        const index = Array.prototype.indexOf.call(cell.closest('tbody')?.children ?? [], cell.parentElement);
        return index >= from && index < to;
      };

    it('give the first numbers their buttons at once and the others as they come near', async () => {
      startOnBigList(3000);
      await batchDone();
      expect(annotatedRows()).toEqual(range(0, EAGER_ROWS));
      // One watched cell per run of CHUNK_SIZE places, a screen ahead of the viewport.
      expect(viewport.watched()).toHaveLength(runsFor(3000));
      expect(viewport.options).toEqual([{ rootMargin: '1000px 0px', scrollMargin: '1000px 0px' }]);

      viewport.bringNear(rowsBetween(EAGER_ROWS, EAGER_ROWS + 2 * RUN_ROWS));
      expect(annotatedRows()).toEqual(range(0, EAGER_ROWS + 2 * RUN_ROWS));
      expect(script?.heldBack).toBe(runsFor(3000) - 2);

      viewport.bringNear();
      expect(annotatedRows()).toEqual(range(0, 3000));
      expect(hostCount()).toBe(3000);
      expect(script?.heldBack).toBe(0);
      expect(viewport.watched()).toEqual([]);
    });

    it('keep one button per number when rows held back are re-rendered, removed or edited', async () => {
      const tbody = startOnBigList(1000);
      await batchDone();
      // Odoo re-renders the whole list twice (new nodes): only the new rows are held back.
      bigList(1000, '+33 1 000');
      await afterMutations();
      bigList(1000);
      await batchDone();
      expect(viewport.watched()).toHaveLength(runsFor(1000));
      const edited = tbody.children[500]?.querySelector('[name="phone"]') as Element;
      // Rows far down go before they come near, the first of a run among them.
      for (const gone of Array.from(tbody.children).slice(300, 310)) gone.remove();
      // A held-back number edited in place shows its button at once, with the new number.
      edited.textContent = '+32 2 999 0500';
      await afterMutations();
      expect(callButtonNames()).toContain('Call +32 2 999 0500');

      viewport.bringNear();
      expect(hostCount()).toBe(990);
      expect(annotatedRows()).toEqual([...range(0, 300), ...range(310, 1000)]);
      expect(
        document.querySelectorAll('td[name="phone"] odoo-click-to-call + odoo-click-to-call'),
      ).toHaveLength(0);
    });

    it('give the eager places to the rows shown now when Odoo re-renders during a slow batch', async () => {
      // A slow machine: every look at the clock finds a millisecond gone, so a batch's eager
      // places take several slices and Odoo can re-render before they are done.
      let clock = 0;
      vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
      const tbody = startOnBigList(1000);
      await afterMutations();
      expect(script?.pending).toBe(true);
      bigList(1000, '+33 1 000');
      await batchDone();
      // Nothing of the rows Odoo took away is still waited for, watched or annotated.
      expect(viewport.watched()).toHaveLength(runsFor(1000));
      expect(viewport.watched().every((cell) => cell.isConnected)).toBe(true);
      expect(callButtonNames()).toEqual(
        range(0, EAGER_ROWS).map((index) => `Call +33 1 000 ${String(index).padStart(4, '0')}`),
      );
      viewport.bringNear();
      expect(hostCount()).toBe(1000);
      expect(tbody.querySelectorAll('td[name="phone"] odoo-click-to-call + odoo-click-to-call')).toHaveLength(
        0,
      );
    });

    it('give a held-back row that Odoo moves into view (a sorted list) its button at once', async () => {
      const tbody = startOnBigList(1000);
      await batchDone();
      // Owl moves the keyed rows it keeps: the last ones go to the top.
      const moved = Array.from(tbody.children).slice(-3).reverse();
      tbody.prepend(...moved);
      await afterMutations();
      expect(annotatedRows().slice(0, 3)).toEqual([999, 998, 997]);
      // The runs they left still watch the others, and nothing gets a second button.
      viewport.bringNear();
      expect(hostCount()).toBe(1000);
      expect(annotatedRows().sort((a, b) => a - b)).toEqual(range(0, 1000));
    });

    it('drop what they held back when the view changes', async () => {
      startOnBigList(3000);
      await batchDone();
      history.pushState(null, '', '/odoo/crm/14');
      showView('lead-form-18.0.html');
      await afterMutations();
      expect(script?.heldBack).toBe(0);
      viewport.bringNear();
      expect(callButtonNames()).toEqual(['Call 01 25 54 45 69']);
      expect(hostCount()).toBe(1);
    });
  });

  describe('where it cannot (no IntersectionObserver)', () => {
    const original = globalThis.IntersectionObserver;
    beforeEach(() => {
      // @ts-expect-error: a browser without it
      delete globalThis.IntersectionObserver;
    });
    afterEach(() => {
      script?.stop();
      globalThis.IntersectionObserver = original;
    });

    it('are annotated in slices that give the page the main thread back, and completely', async () => {
      startOnBigList(3000);
      await Promise.resolve();
      // The first slice ran with the mutation batch; 3,000 buttons do not fit in it.
      expect(script?.pending).toBe(true);
      expect(script?.buttonCount).toBeGreaterThan(0);
      await vi.waitFor(() => expect(script?.pending).toBe(false), { timeout: 20_000 });
      expect(script?.buttonCount).toBe(3000);
      expect(hostCount()).toBe(3000);
    });

    it('drop the slices still to do when the view changes', async () => {
      startOnBigList(3000);
      await Promise.resolve();
      expect(script?.pending).toBe(true);
      history.pushState(null, '', '/odoo/crm/14');
      showView('lead-form-18.0.html');
      await vi.waitFor(() => expect(script?.pending).toBe(false), { timeout: 20_000 });
      await afterMutations();
      expect(callButtonNames()).toEqual(['Call 01 25 54 45 69']);
      expect(hostCount()).toBe(1);
    });
  });
});

describe('navigation inside the web client', () => {
  it('removes every button of the previous view and annotates the new one', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    const oldHosts = Array.from(document.querySelectorAll('odoo-click-to-call'));
    history.pushState(null, '', '/odoo/crm/14');
    showView('lead-form-18.0.html');
    await afterMutations();
    expect(oldHosts.every((host) => !host.isConnected)).toBe(true);
    expect(callButtonNames()).toEqual(['Call 01 25 54 45 69']);
    expect(script?.buttonCount).toBe(1);
  });

  it('starts over when only the URL changes (a 17.0 form pager patching the same DOM)', async () => {
    loadFixture('lead-form-17.0.html', '/web#id=14&model=crm.lead&view_type=form');
    script = startContentScript();
    const before = Array.from(document.querySelectorAll('odoo-click-to-call'));
    history.pushState(null, '', '/web#id=15&model=crm.lead&view_type=form');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(before.every((host) => !host.isConnected)).toBe(true);
    expect(hostCount()).toBe(2);
    await afterMutations();
    expect(hostCount()).toBe(2);
  });

  it('removes everything it added when stopped', async () => {
    loadFixture('lead-list-17.0.html', '/odoo/crm');
    script = startContentScript();
    script?.stop();
    await afterMutations();
    expect(document.querySelectorAll('odoo-click-to-call, odoo-click-to-call-overlay')).toHaveLength(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    document.querySelector('tbody')?.append(row('+1 555 000 0009'));
    await afterMutations();
    expect(document.querySelectorAll('odoo-click-to-call, odoo-click-to-call-overlay')).toHaveLength(0);
  });
});
