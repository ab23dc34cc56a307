/**
 * happy-dom lays nothing out, so its IntersectionObserver never reports. This stand-in lets a
 * test say what is near the viewport, the way Chrome reports it after a frame: observers get an
 * entry per watched element that the test brings near.
 */
export interface FakeViewport {
  /** Elements watched now, over every observer still connected. */
  watched(): Element[];
  /** The options each observer was created with. */
  readonly options: IntersectionObserverInit[];
  /** Reports the watched elements that `near` accepts (all by default) as intersecting. */
  bringNear(near?: (element: Element) => boolean): void;
  /** Puts the environment's own IntersectionObserver back. */
  restore(): void;
}

export function installFakeViewport(): FakeViewport {
  const observers = new Set<FakeIntersectionObserver>();
  const options: IntersectionObserverInit[] = [];

  class FakeIntersectionObserver {
    readonly targets = new Set<Element>();
    constructor(
      readonly callback: IntersectionObserverCallback,
      init: IntersectionObserverInit = {},
    ) {
      options.push(init);
      observers.add(this);
    }
    observe(target: Element): void {
      this.targets.add(target);
    }
    unobserve(target: Element): void {
      this.targets.delete(target);
    }
    disconnect(): void {
      this.targets.clear();
    }
    takeRecords(): IntersectionObserverEntry[] {
      return [];
    }
  }

  const original = globalThis.IntersectionObserver;
  globalThis.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;
  return {
    restore: () => {
      globalThis.IntersectionObserver = original;
    },
    options,
    watched: () => [...observers].flatMap((observer) => [...observer.targets]),
    bringNear(near = () => true) {
      for (const observer of observers) {
        const entries = [...observer.targets]
          .filter(near)
          .map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
        if (entries.length > 0) observer.callback(entries, observer as unknown as IntersectionObserver);
      }
    },
  };
}
