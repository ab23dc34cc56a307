/**
 * Holds back work for elements far from the viewport until the user scrolls towards them. A
 * 1,000-row list shows about thirty rows: building 1,750 buttons up front would cost the page
 * more than everything else the content script does (the shadow roots, and Odoo's layout of
 * 1,750 more boxes), for rows nobody may ever scroll to. Elements are watched in runs of
 * CHUNK_SIZE through the first of each run, so a big list costs one observed element per few
 * rows, not one per number.
 */

/** Consecutive elements handed over together; a run of list cells is well under a screen tall. */
export const CHUNK_SIZE = 16;

/**
 * How far beyond the viewport a run counts as near: about a screen, so that a run is done
 * before it scrolls into view. `scrollMargin` grows Odoo's own scrolling pane (`.o_content`)
 * the same way; browsers without it still do each run as it comes into view.
 */
const NEAR_MARGIN = '1000px 0px';

export interface Deferred<T> {
  readonly element: Element;
  readonly value: T;
}

export class NearViewport<T> {
  private readonly observer: IntersectionObserver;
  /** Each watched element and the run it stands for (itself first). */
  private readonly runs = new Map<Element, Deferred<T>[]>();
  /** Every element still held back, and its run. */
  private held = new WeakMap<Element, Deferred<T>[]>();

  /** Whether the browser can tell what is near the viewport; without it nothing is held back. */
  static get supported(): boolean {
    return typeof IntersectionObserver === 'function';
  }

  /** @param onNear Gets the runs that came near, all those of one report of the browser at once. */
  constructor(private readonly onNear: (runs: readonly (readonly Deferred<T>[])[]) => void) {
    this.observer = new IntersectionObserver((entries) => this.release(entries), {
      rootMargin: NEAR_MARGIN,
      scrollMargin: NEAR_MARGIN,
    } as IntersectionObserverInit);
  }

  /** Holds `items` back (document order) until each run of them comes near the viewport. */
  defer(items: readonly Deferred<T>[]): void {
    for (let start = 0; start < items.length; start += CHUNK_SIZE) {
      const run = items.slice(start, start + CHUNK_SIZE);
      for (const item of run) this.held.set(item.element, run);
      this.watch(run);
    }
  }

  /**
   * Takes `element` out of its run, if it is held back: the page put it somewhere new (Odoo
   * moves its rows when a list is sorted), so where its run is says nothing about it anymore.
   */
  forget(element: Element): void {
    const run = this.held.get(element);
    if (!run) return;
    this.held.delete(element);
    const watched = run[0] as Deferred<T>;
    run.splice(
      run.findIndex((item) => item.element === element),
      1,
    );
    if (watched.element !== element) return;
    this.observer.unobserve(element);
    this.runs.delete(element);
    if (run.length > 0) this.watch(run);
  }

  /** How many runs are still held back. */
  get size(): number {
    return this.runs.size;
  }

  /**
   * Follows elements the page removed: a run whose watched element is gone is watched through
   * its first element still on the page, or dropped when none is left.
   */
  prune(): void {
    // forEach, not for…of over entries: no [key, value] pair per run on every page change. A run
    // watched anew below is visited too, and skipped: its first element is on the page.
    this.runs.forEach((run, watched) => {
      if (watched.isConnected) return;
      this.observer.unobserve(watched);
      this.runs.delete(watched);
      const left = run.filter((item) => item.element.isConnected);
      for (const item of left) this.held.set(item.element, left);
      if (left.length > 0) this.watch(left);
    });
  }

  /** Drops everything held back (the view changed). */
  clear(): void {
    this.observer.disconnect();
    this.runs.clear();
    this.held = new WeakMap();
  }

  private watch(run: Deferred<T>[]): void {
    const first = run[0] as Deferred<T>;
    this.runs.set(first.element, run);
    this.observer.observe(first.element);
  }

  private release(entries: readonly IntersectionObserverEntry[]): void {
    const near: Deferred<T>[][] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const run = this.runs.get(entry.target);
      if (!run) continue;
      this.observer.unobserve(entry.target);
      this.runs.delete(entry.target);
      for (const item of run) this.held.delete(item.element);
      near.push(run);
    }
    if (near.length > 0) this.onNear(near);
  }
}
