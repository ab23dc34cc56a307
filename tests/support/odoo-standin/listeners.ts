/**
 * A minimal event source. The stand-in's engine avoids `node:events` so it also runs inside
 * workerd (worker tests answer the worker's fetch with it, no server involved).
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

/** Resolves with the first `value` passed to `emit` that `pick` accepts, or rejects on timeout. */
export function waitForEvent<T, R>(
  listeners: Listeners<T>,
  pick: (value: T) => R | undefined,
  timeoutMs: number,
  timeoutMessage: string,
): Promise<R> {
  return new Promise((resolve, reject) => {
    const stop = listeners.add((value) => {
      const picked = pick(value);
      if (picked === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(picked);
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(timeoutMessage));
    }, timeoutMs);
  });
}
