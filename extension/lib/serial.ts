/**
 * Runs async tasks one after the other: read-modify-write cycles on storage must not
 * interleave. Not state: if Chrome stops the service worker, the queue goes with it and
 * storage still holds the result of the last finished task.
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };
}
