import { SELECTORS } from './selectors';
import { isOurHost } from './shadow';

/** What changed in the watched parts of the page since the last batch. */
export interface DomChanges {
  /** New subtrees to scan (outermost only). */
  added: Element[];
  /** Elements whose own content changed (text edited, link target changed, children removed). */
  touched: Element[];
  /**
   * Elements taken out of the page, our buttons excepted (not only the outermost ones, and
   * not those put back elsewhere in the same batch): what they held can be forgotten.
   */
  removed: Element[];
}

const ROOT_OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // A tel: link whose target changes means the number changed (Odoo patches links in place).
  attributeFilter: ['href'],
};

/**
 * Tells whether an element lies inside one of `roots`. Answers are remembered per ancestor: a
 * batch's new rows share their parents, so the walk up the page is done once, not per row.
 */
function insideAnyOf(roots: ReadonlySet<Element>): (element: Element) => boolean {
  const known = new Map<Element, boolean>();
  const covered = (element: Element | null): boolean => {
    if (!element) return false;
    let answer = known.get(element);
    if (answer === undefined) {
      answer = roots.has(element) || covered(element.parentElement);
      known.set(element, answer);
    }
    return answer;
  };
  return (element) => covered(element.parentElement);
}

/** Adds a record's removed elements to `removed`, our own buttons left out. */
function collectRemoved(record: MutationRecord, removed: Element[]): void {
  const { removedNodes } = record;
  for (let index = 0; index < removedNodes.length; index++) {
    const node = removedNodes[index] as Node;
    if (node instanceof Element && !isOurHost(node)) removed.push(node);
  }
}

/**
 * When most children of one parent are new (a list re-rendered), one scan of the parent is much
 * cheaper than one per child; the few children that did not change are skipped by the annotator.
 * Plain loops and forEach: this runs once per batch, too rarely for V8 to optimise it, and
 * iterators and destructuring are slow in unoptimised code.
 */
function coalesce(roots: Element[]): Element[] {
  if (roots.length < 32) return roots;
  const newChildren = new Map<Element, number>();
  for (let index = 0; index < roots.length; index++) {
    const parent = (roots[index] as Element).parentElement;
    if (parent) newChildren.set(parent, (newChildren.get(parent) ?? 0) + 1);
  }
  const whole = new Set<Element>();
  newChildren.forEach((count, parent) => {
    if (count * 2 > parent.childElementCount) whole.add(parent);
  });
  if (whole.size === 0) return roots;
  const kept = roots.filter((root) => !root.parentElement || !whole.has(root.parentElement));
  whole.forEach((parent) => {
    kept.push(parent);
  });
  return kept;
}

/**
 * Watches only Odoo's views and dialogs (SELECTORS.watchedRoots), not the whole page, and hands
 * over each batch of mutations once, already reduced to what needs scanning. Body itself is
 * watched without its subtree, to notice when the web client mounts or replaces those roots.
 * The content script's own changes (its buttons) are made while the watcher is off (quietly):
 * recording a mutation per button only to drop it would cost a third of inserting the button.
 */
export class DomWatcher {
  private readonly observer: MutationObserver;
  /** The roots observed with their subtree (observed again after each quiet stretch). */
  private readonly observedRoots = new Set<Element>();
  private watching = false;

  constructor(
    private readonly body: HTMLElement,
    private readonly onChanges: (changes: DomChanges) => void,
  ) {
    this.observer = new MutationObserver((records) => {
      const changes = this.reduce(records);
      this.quietly(() => this.onChanges(changes));
    });
  }

  start(): void {
    this.watching = true;
    for (const root of this.roots()) this.observedRoots.add(root);
    this.observeAll();
  }

  stop(): void {
    this.watching = false;
    this.observer.disconnect();
    this.observedRoots.clear();
  }

  /** The watched roots present now. */
  roots(): Element[] {
    return Array.from(this.body.querySelectorAll(SELECTORS.watchedRoots.css));
  }

  /**
   * Runs `work`, the content script's own changes to the page, with the watcher off. Call it
   * only where the page's own pending changes are handled already (in onChanges, in a task of
   * the content script's own, or before a full re-scan): switching off drops them.
   */
  quietly(work: () => void): void {
    if (!this.watching) {
      work();
      return;
    }
    this.observer.disconnect();
    try {
      work();
    } finally {
      // Unless the work stopped the watcher (the content script was stopped meanwhile).
      if (this.watching) this.observeAll();
    }
  }

  private observeAll(): void {
    this.observer.observe(this.body, { childList: true });
    for (const root of this.observedRoots) {
      if (root.parentNode === this.body) this.observer.observe(root, ROOT_OPTIONS);
      else this.observedRoots.delete(root);
    }
  }

  // Indexed loops over records and node lists: a page change brings a record per row, and
  // for…of would leave iterator objects behind for each of them.
  private reduce(records: readonly MutationRecord[]): DomChanges {
    const added = new Set<Element>();
    const touched = new Set<Element>();
    const removed: Element[] = [];
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as MutationRecord;
      const target = record.target;
      if (target === this.body) {
        // Only roots matter at body level (the web client mounting, or replacing a root).
        for (const node of record.addedNodes) {
          if (node instanceof Element && node.matches(SELECTORS.watchedRoots.css)) {
            this.observer.observe(node, ROOT_OPTIONS);
            this.observedRoots.add(node);
            added.add(node);
          }
        }
        collectRemoved(record, removed);
        continue;
      }
      if (record.type === 'characterData') {
        if (target.parentElement) touched.add(target.parentElement);
        continue;
      }
      if (record.type === 'attributes') {
        touched.add(target as Element);
        continue;
      }
      const { addedNodes } = record;
      for (let nodeIndex = 0; nodeIndex < addedNodes.length; nodeIndex++) {
        const node = addedNodes[nodeIndex] as Node;
        if (isOurHost(node)) continue;
        if (node instanceof Element) added.add(node);
        else touched.add(target as Element);
      }
      if (record.removedNodes.length > 0) {
        touched.add(target as Element);
        collectRemoved(record, removed);
      }
    }
    // A subtree inside another new subtree is scanned with it; removed-again nodes not at all.
    const insideAdded = insideAnyOf(added);
    const outermost: Element[] = [];
    added.forEach((node) => {
      if (node.isConnected && !insideAdded(node)) outermost.push(node);
    });
    const changed: Element[] = [];
    touched.forEach((node) => {
      if (node.isConnected && !added.has(node) && !insideAdded(node)) changed.push(node);
    });
    return {
      added: coalesce(outermost),
      touched: changed,
      removed: removed.filter((node) => !node.isConnected),
    };
  }
}
