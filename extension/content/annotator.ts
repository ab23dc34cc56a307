import type { Adapter } from './adapters';
import { type ButtonPhase, CallButton } from './call-button';
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
 * Puts one button next to each number and keeps it in step with the page. Each element that
 * shows a number is annotated at most once (the map below); re-reading it updates its button
 * instead, and a button Odoo removed is put back. Nothing here watches the page: the page
 * watcher says which parts changed.
 */
export class Annotator {
  private readonly annotations = new Map<Element, Annotation>();
  private readonly byHost = new WeakMap<EventTarget, Annotation>();

  constructor(
    private readonly adapters: readonly Adapter[],
    private readonly phaseOf: (found: FoundNumber) => ButtonPhase,
  ) {}

  /** Annotates every number in `root`'s subtree, and the one `root` sits in, if any. */
  scan(root: Element): void {
    for (const adapter of this.adapters) {
      const around = root.closest(adapter.selector);
      if (around) this.visit(around, adapter);
      for (const element of root.querySelectorAll(adapter.selector)) this.visit(element, adapter);
    }
  }

  /** Re-reads the number `node` belongs to (its text or link changed, a button was removed). */
  touch(node: Element): void {
    for (const adapter of this.adapters) {
      const element = node.closest(adapter.selector);
      if (element) this.visit(element, adapter);
    }
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

  /** Forgets elements Odoo removed from the page (their buttons went with them). */
  prune(): void {
    for (const [element, annotation] of this.annotations) {
      if (!element.isConnected) this.drop(annotation);
    }
  }

  /** Removes every button: the view changed. */
  clear(): void {
    for (const annotation of this.annotations.values()) this.drop(annotation);
  }

  get size(): number {
    return this.annotations.size;
  }

  private visit(element: Element, adapter: Adapter): void {
    const existing = this.annotations.get(element);
    if (adapter.accepts && !adapter.accepts(element)) {
      if (existing?.adapter === adapter) this.drop(existing);
      return;
    }
    const found = adapter.read(element);
    if (existing?.adapter === adapter && existing.button.host.isConnected) {
      existing.found = found;
      this.render(existing);
      return;
    }
    if (existing) this.drop(existing);
    // No button for an empty field; one appears when a number does (input event, mutation).
    if (!found) return;
    const annotation: Annotation = { element, adapter, button: new CallButton(), found };
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
