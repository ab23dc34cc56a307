import type { Adapter } from './adapters';
import { type ButtonPhase, CallButton, ensureCallButtonStyles } from './call-button';
import type { FoundNumber } from './phone-text';

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

  /** Every adapter's selector in one: one query per scanned subtree instead of one per adapter. */
  private readonly anySelector: string;

  constructor(
    private readonly adapters: readonly Adapter[],
    private readonly phaseOf: (found: FoundNumber) => ButtonPhase,
  ) {
    this.anySelector = adapters.map((adapter) => adapter.selector).join(', ');
  }

  /**
   * Queues every number in `root`'s subtree, and the one `root` sits in, if any. Elements that
   * already have their button in place are skipped: a changed number is reported by touch().
   */
  scan(root: Element): void {
    if (root.parentElement?.closest(this.anySelector)) this.touch(root.parentElement);
    if (root.matches(this.anySelector)) this.enqueue(root);
    for (const element of root.querySelectorAll(this.anySelector)) this.enqueue(element);
  }

  /**
   * Queues an element with the adapter whose selector it matches. Adapters' selectors never
   * match the same element (their `accepts` split what a selector cannot), so the first one that
   * matches is the one.
   */
  private enqueue(element: Element): void {
    // Numbers come in runs of one kind (a list's cells, a form's fields): try the last one first.
    const last = this.queueAdapters[this.queueAdapters.length - 1];
    const adapter =
      last && element.matches(last.selector)
        ? last
        : this.adapters.find((candidate) => element.matches(candidate.selector));
    if (!adapter) return;
    const existing = this.annotations.get(element);
    if (existing?.adapter === adapter && existing.button.host.isConnected) return;
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

  /** Annotates what was queued, for at most one slice; the rest continues in later tasks. */
  flush(): void {
    if (this.next >= this.queue.length) return;
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
        this.flush();
      }, 0);
    } else {
      this.resetQueue();
    }
  }

  private resetQueue(): void {
    this.queue = [];
    this.queueAdapters = [];
    this.next = 0;
  }

  /** Whether queued numbers are still waiting for their button. */
  get pending(): boolean {
    return this.next < this.queue.length;
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
   * Forgets elements Odoo removed from the page; their buttons are kept for the next ones.
   * Call it before scanning what the same batch added, so those can reuse them.
   */
  prune(): void {
    for (const [element, annotation] of this.annotations) {
      if (!element.isConnected) {
        this.drop(annotation);
        if (this.spare.length < MAX_SPARE_BUTTONS) this.spare.push(annotation.button);
      }
    }
  }

  /** Removes every button and drops queued work: the view changed. */
  clear(): void {
    clearTimeout(this.continuation);
    this.continuation = undefined;
    this.resetQueue();
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
