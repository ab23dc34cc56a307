import type { PhoneState } from '../../shared/phone-state';
import { ADAPTERS } from './adapters';
import { Annotator } from './annotator';
import { releaseCallButtonStyles } from './call-button';
import { Dialer, phaseFor } from './dialer';
import { DomWatcher } from './dom-watcher';
import { IncomingToast } from './incoming-toast';
import { Notices } from './notices';
import { isOdooWebClient } from './odoo-page';
import { Overlay } from './overlay';
import { watchPhoneState } from './phone-state';
import { watchUrl } from './url-watcher';

export interface ContentScript {
  /** Removes everything the content script added and stops watching. */
  stop(): void;
  /** How many numbers have a button now (tests, benchmarks). */
  readonly buttonCount: number;
  /** Whether numbers found are still waiting for their slice (a big batch is done in slices). */
  readonly pending: boolean;
  /** How many runs of numbers wait to come near the viewport (a big view's far rows). */
  readonly heldBack: number;
}

/**
 * The content script's manager (issue 5). Per page (one URL of Odoo's single-page app) it
 * annotates the watched roots, then follows their mutations in batches (one pass per mutation
 * microtask, before the browser paints; a very large batch continues in short slices, see
 * SLICE_MS). When the URL changes the page's AbortSignal fires: every button is removed and the
 * new view is annotated from scratch. The phone state drives the buttons' in-call look and the
 * incoming toast.
 */
export function startContentScript(): ContentScript | null {
  if (!isOdooWebClient(document)) return null;
  const lifetime = new AbortController();
  const { signal } = lifetime;

  let phone: PhoneState | null = null;
  const annotator = new Annotator(
    ADAPTERS,
    (found) => phaseFor(found, phone),
    (work) => watcher.quietly(work),
  );
  const overlay = new Overlay();
  const notices = new Notices(overlay);
  const toast = new IncomingToast(overlay);
  const dialer = new Dialer({
    annotator,
    phone: () => phone,
    notify: (message, kind) => notices.show(message, kind),
    href: () => location.href,
  });

  let page = new AbortController();
  let pageUrl = '';
  const watcher = new DomWatcher(document.body, (changes) => {
    if (location.href !== pageUrl) {
      startPage();
      return;
    }
    // Prune first: buttons of removed rows are reused for the rows this batch added.
    if (changes.removed.length > 0) annotator.prune(changes.removed);
    // Indexed: a list page brings 80 new rows, and for…of is slow in code run this rarely.
    const { added, touched } = changes;
    for (let index = 0; index < added.length; index++) annotator.scan(added[index] as Element);
    for (let index = 0; index < touched.length; index++) annotator.touch(touched[index] as Element);
    annotator.flush();
  });

  /** A new view: the old page's buttons go, the whole of the watched roots is annotated. */
  function startPage(): void {
    page.abort();
    page = new AbortController();
    page.signal.addEventListener('abort', () => annotator.clear());
    pageUrl = location.href;
    for (const root of watcher.roots()) annotator.scan(root);
    annotator.flush();
  }

  const onUrlMaybeChanged = (): void => {
    if (location.href === pageUrl) return;
    // The new view is scanned whole: what the watcher would report of it is covered.
    watcher.quietly(startPage);
  };

  // Capture on window: the page's own handlers (open the row, start editing) never see a click
  // meant for a call button. Clicks inside a shadow root reach the page as its host.
  // Only a person's click calls (issue 12, item 14): a mouse click, or Enter/Space on the
  // focused button, which the browser turns into a click, is trusted; a page script's
  // `button.click()` or `dispatchEvent` is not, and goes on to the page as if we were not there.
  window.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return;
      const annotation = annotator.forEventTarget(event.target);
      if (!annotation) return;
      event.preventDefault();
      event.stopPropagation();
      void dialer.dial(annotation);
    },
    { capture: true, signal },
  );
  window.addEventListener(
    'keydown',
    (event) => {
      // Enter/Space press the button; Odoo's list must not also open the record. A script's
      // keydown presses nothing, so it is left to the page.
      const pressesButton = event.key === 'Enter' || event.key === ' ';
      if (event.isTrusted && pressesButton && annotator.forEventTarget(event.target)) {
        event.stopPropagation();
      }
    },
    { capture: true, signal },
  );
  // Typing in a phone field: the button shows (and calls) what the field holds now.
  document.addEventListener(
    'input',
    (event) => {
      if (event.target instanceof Element) annotator.touch(event.target);
    },
    { capture: true, signal },
  );

  watchUrl(onUrlMaybeChanged, signal);
  // The buttons' look depends only on the live call's number (phaseFor): re-render them when
  // that changes, not on every other write to the phone state (health, mute, warnings…).
  let callNumber: string | null | undefined;
  watchPhoneState((state) => {
    phone = state;
    const number = state?.call?.party.number ?? null;
    if (number !== callNumber) {
      callNumber = number;
      annotator.refreshPhases();
    }
    toast.render(state?.incoming ?? null);
  }, signal);

  startPage();
  watcher.start();
  signal.addEventListener('abort', () => {
    watcher.stop();
    page.abort();
    releaseCallButtonStyles();
    notices.dismiss();
    overlay.remove();
  });

  return {
    stop: () => lifetime.abort(),
    get buttonCount() {
      return annotator.size;
    },
    get pending() {
      return annotator.pending;
    },
    get heldBack() {
      return annotator.heldBack;
    },
  };
}
