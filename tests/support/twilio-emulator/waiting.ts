/**
 * Promise helpers that settle on the emulator's own events (no polling): look at the current
 * state first, then at each change, until the condition holds or the deadline passes.
 */
export function waitFor<T>(
  check: () => T | undefined,
  subscribe: (onChange: () => void) => () => void,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const unsubscribe = subscribe(() => {
      const found = check();
      if (found === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(found);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`));
    }, timeoutMs);
  });
}

/**
 * Partial deep equality: every key of `pattern` must be in `value` with an equal value
 * (objects compared the same way). Used by the control API's `/wait` to match calls and webhooks.
 */
export function matches(value: unknown, pattern: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) return Object.is(value, pattern);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(pattern).every(([key, expected]) =>
    matches((value as Record<string, unknown>)[key], expected),
  );
}
