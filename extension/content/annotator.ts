import type { Adapter } from './adapters';
import { type ButtonPhase, CallButton, ensureCallButtonStyles } from './call-button';
import { type Deferred, NearViewport } from './near-viewport';
import type { FoundNumber } from './phone-text';
import { CALL_BUTTON_TAG } from './shadow';

/** A number on the page and the button next to it. */
export interface Annotation {
  readonly element: Element;
  readonly adapter: Adapter;
  readonly button: CallButton;
  /** What the element showed when last read (null: emptied, the button is hidden). */
  found: FoundNumber | null;
}

/**
 * Longest stretch of work before the page gets the main thread back. A view with a few hundred
 * numbers is annotated within one slice, before the browser paints it; a 1,000-row list gets
 * its first rows (document order: the top of the list) at once and the rest a few slices later,
 * so Odoo never sees a long task because of us.
 */
export const SLICE_MS = 8;

/**
 * How many places that may show a number (a list row with phone and mobile columns has two)
 * one batch annotates at once: 100 such rows, more than a screen shows and the whole of an
 * 80-row list page (Odoo's default). The rest of a bigger batch waits until it comes near the
 * viewport (see NearViewport), where the browser can say so.
 */
export const EAGER_PLACES = 200;

const now = (): number => performance.now();

/**
 * Buttons of rows Odoo removed are kept for the rows it adds next (paging, re-renders): moving a
 * built button is far cheaper than building one (host, shadow root, styles, icon). Bounded, and
 * emptied when the view changes.
 */
const MAX_SPARE_BUTTONS = 2000;

/**
 * Puts one button next to each number and keeps it in step with the page. Each element that
 * shows a number is annotated at most once (the map below); re-reading it updates its button
 * instead, and a button Odoo removed is put back. Nothing here watches the page: the page
 * watcher says which parts changed (scan, touch), then asks for the work to be done (flush).
 */
export class Annotator {
  private readonly annotations = new Map<Element, Annotation>();
  private readonly byHost = new WeakMap<EventTarget, Annotation>();
  /** Elements to visit, in document order, and the adapter that found each (same index). */
  private queue: Element[] = [];
  private queueAdapters: Adapter[] = [];
  private next = 0;
  private continuation: ReturnType<typeof setTimeout> | undefined;
  private spare: CallButton[] = [];
  /** The parent of the subtree scanned last in this batch (see scan). */
  private parentSeen: Element | null = null;
  /** The adapter of the element queued last (numbers come in runs of one kind). */
  private lastAdapter: Adapter | undefined;
  /** Numbers of big views held back until they near the viewport (null: the browser cannot say). */
  private readonly farAway: NearViewport<Adapter> | null;

  /** Every adapter's selector in one: one query per scanned subtree instead of one per adapter. */
  private readonly anySelector: string;

  /**
   * @param quietly Runs the annotator's work in a task of its own (a slice that continues a big
   *   batch, numbers coming near the viewport), e.g. with the page watcher off: its insertions
   *   are its own, and recording them only to drop them would cost the page.
   */
  constructor(
    private readonly adapters: readonly Adapter[],
    private readonly phaseOf: (found: FoundNumber) => ButtonPhase,
    private readonly quietly: (work: () => void) => void,
  ) {
    this.anySelector = adapters.map((adapter) => adapter.selector).join(', ');
    this.farAway = NearViewport.supported ? new NearViewport((runs) => this.annotateNear(runs)) : null;
  }

  /**
   * Queues every number in `root`'s subtree, and the one `root` sits in, if any. Elements that
   * already have their button in place are skipped: a changed number is reported by touch().
   */
  scan(root: Element): void {
    // New rows share their parent: whether it sits in a number is asked once per batch.
    const parent = root.parentElement;
    if (parent && parent !== this.parentSeen) {
      this.parentSeen = parent;
      if (parent.closest(this.anySelector)) this.touch(parent);
    }
    if (root.matches(this.anySelector)) this.enqueue(root);
    // Indexed rather than for…of: no iterator objects for the garbage collector, per new row.
    const found = root.querySelectorAll(this.anySelector);
    for (let index = 0; index < found.length; index++) this.enqueue(found[index] as Element);
  }

  /**
   * Queues an element with the adapter whose selector it matches. Adapters' selectors never
   * match the same element (their `accepts` split what a selector cannot), so the first one that
   * matches is the one.
   */
  private enqueue(element: Element): void {
    // Numbers come in runs of one kind (a list's cells, a form's fields): try the last one first.
    const last = this.lastAdapter;
    const adapter =
      last && element.matches(last.selector)
        ? last
        : this.adapters.find((candidate) => element.matches(candidate.selector));
    if (!adapter) return;
    this.lastAdapter = adapter;
    const existing = this.annotations.get(element);
    if (existing?.adapter === adapter && existing.button.host.isConnected) return;
    // Held back but found again (moved, or its subtree re-scanned): judged anew by its place.
    this.farAway?.forget(element);
    this.queue.push(element);
    this.queueAdapters.push(adapter);
  }

  /** Re-reads the number `node` belongs to (its text or link changed, a button was removed). */
  touch(node: Element): void {
    for (const adapter of this.adapters) {
      const element = node.closest(adapter.selector);
      if (element) this.visit(element, adapter);
    }
  }

  /**
   * Annotates what was queued: the first EAGER_PLACES for at most one slice (the rest of them
   * continues in later tasks), the others when they come near the viewport.
   */
  flush(): void {
    this.parentSeen = null;
    if (this.next >= this.queue.length) return;
    this.holdBackFarOnes();
    ensureCallButtonStyles();
    const deadline = now() + SLICE_MS;
    const { queue, queueAdapters } = this;
    while (this.next < queue.length) {
      const index = this.next++;
      this.visit(queue[index] as Element, queueAdapters[index] as Adapter);
      // Reading the clock is cheap but not free: check it every few elements.
      if ((this.next & 15) === 0 && now() > deadline) break;
    }
    if (this.next < queue.length) {
      this.continuation ??= setTimeout(() => {
        this.continuation = undefined;
        this.quietly(() => this.flush());
      }, 0);
    } else {
      this.resetQueue();
    }
  }

  /** Hands what is queued beyond the first EAGER_PLACES over to the near-viewport watch. */
  private holdBackFarOnes(): void {
    const eagerEnd = this.next + EAGER_PLACES;
    if (!this.farAway || this.queue.length <= eagerEnd) return;
    const far: Deferred<Adapter>[] = [];
    for (let index = eagerEnd; index < this.queue.length; index++) {
      far.push({ element: this.queue[index] as Element, value: this.queueAdapters[index] as Adapter });
    }
    this.queue.length = eagerEnd;
    this.queueAdapters.length = eagerEnd;
    this.farAway.defer(far);
  }

  /** Runs of held-back numbers came near the viewport. */
  private annotateNear(runs: readonly (readonly Deferred<Adapter>[])[]): void {
    this.quietly(() => {
      ensureCallButtonStyles();
      for (let runIndex = 0; runIndex < runs.length; runIndex++) {
        const run = runs[runIndex] as readonly Deferred<Adapter>[];
        for (let index = 0; index < run.length; index++) {
          const item = run[index] as Deferred<Adapter>;
          this.visit(item.element, item.value);
        }
      }
    });
  }

  private resetQueue(): void {
    this.queue = [];
    this.queueAdapters = [];
    this.next = 0;
  }

  /** Whether numbers of the current batch are still waiting for their slice. */
  get pending(): boolean {
    return this.next < this.queue.length;
  }

  /** How many runs of numbers wait to come near the viewport. */
  get heldBack(): number {
    return this.farAway?.size ?? 0;
  }

  /** Re-reads an annotation's element now (e.g. just before a call) and returns what it shows. */
  reread(annotation: Annotation): FoundNumber | null {
    this.visit(annotation.element, annotation.adapter);
    return this.annotations.get(annotation.element)?.found ?? null;
  }

  /**
   * The annotation whose button an event came from. Browsers retarget events leaving a shadow
   * root to its host; a target inside the root (seen before retargeting) is mapped to it too.
   */
  forEventTarget(target: EventTarget | null): Annotation | undefined {
    if (!(target instanceof Node)) return undefined;
    const root = target.getRootNode();
    return this.byHost.get(root instanceof ShadowRoot ? root.host : target);
  }

  /** Re-renders every button, e.g. when a call starts or ends. */
  refreshPhases(): void {
    for (const annotation of this.annotations.values()) this.render(annotation);
  }

  /**
   * Forgets the numbers inside what Odoo removed; their buttons are kept for the next ones.
   * Call it before scanning what the same batch added, so those can reuse them. A button sits
   * inside its number's element or right after it, so the removed subtrees hold the buttons of
   * every number they took away, or are that number: the work is that of the change, not of
   * every button on the page.
   */
  prune(removed: readonly Element[]): void {
    for (let index = 0; index < removed.length; index++) {
      const root = removed[index] as Element;
      const own = this.annotations.get(root);
      if (own) this.forgetRemoved(own);
      const hosts = root.querySelectorAll(CALL_BUTTON_TAG);
      for (let hostIndex = 0; hostIndex < hosts.length; hostIndex++) {
        const annotation = this.byHost.get(hosts[hostIndex] as Element);
        if (annotation) this.forgetRemoved(annotation);
      }
    }
    this.farAway?.prune();
    this.unqueueRemoved();
  }

  /**
   * Takes what the page removed out of the part of the batch still waiting for its slice. On a
   * slow machine Odoo can re-render before a big batch's first places are done; the rows gone
   * would otherwise take eager places from the rows that replace them, and push those back
   * behind the near-viewport watch.
   */
  private unqueueRemoved(): void {
    if (!this.pending) return;
    const queue: Element[] = [];
    const queueAdapters: Adapter[] = [];
    for (let index = this.next; index < this.queue.length; index++) {
      const element = this.queue[index] as Element;
      if (!element.isConnected) continue;
      queue.push(element);
      queueAdapters.push(this.queueAdapters[index] as Adapter);
    }
    this.queue = queue;
    this.queueAdapters = queueAdapters;
    this.next = 0;
  }

  private forgetRemoved(annotation: Annotation): void {
    // Still current (not forgotten through another removed root), and really gone.
    if (this.annotations.get(annotation.element) !== annotation || annotation.element.isConnected) return;
    this.drop(annotation);
    if (this.spare.length < MAX_SPARE_BUTTONS) this.spare.push(annotation.button);
  }

  /** Removes every button and drops queued work: the view changed. */
  clear(): void {
    clearTimeout(this.continuation);
    this.continuation = undefined;
    this.resetQueue();
    this.farAway?.clear();
    this.spare = [];
    for (const annotation of this.annotations.values()) this.drop(annotation);
  }

  get size(): number {
    return this.annotations.size;
  }

  private visit(element: Element, adapter: Adapter): void {
    // Queued work can outlive the element (Odoo re-rendered before its turn).
    if (!element.isConnected) return;
    const existing = this.annotations.get(element);
    if (adapter.accepts && !adapter.accepts(element)) {
      if (existing?.adapter === adapter) this.drop(existing);
      return;
    }
    const found = adapter.read(element);
    if (existing?.adapter === adapter) {
      existing.found = found;
      this.render(existing);
      // Odoo re-rendered the element's content and took our button with it: put it back.
      if (!existing.button.host.isConnected && found) adapter.place(element, existing.button.host);
      return;
    }
    if (existing) this.drop(existing);
    // No button for an empty field; one appears when a number does (input event, mutation).
    if (!found) return;
    const annotation: Annotation = { element, adapter, button: this.spare.pop() ?? new CallButton(), found };
    this.render(annotation);
    adapter.place(element, annotation.button.host);
    this.annotations.set(element, annotation);
    this.byHost.set(annotation.button.host, annotation);
  }

  private render(annotation: Annotation): void {
    const { found } = annotation;
    annotation.button.render(found, found ? this.phaseOf(found) : 'idle');
  }

  private drop(annotation: Annotation): void {
    annotation.button.host.remove();
    this.annotations.delete(annotation.element);
  }
}
