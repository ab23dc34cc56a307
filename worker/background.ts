/**
 * Work a route leaves running after it answers (`waitUntil`): Twilio gets its TwiML at once, the
 * rest follows. Without an execution context (a test calling the app directly) the work still
 * runs; the promise is only not tied to the request.
 */
export function inBackground(
  executionCtx: () => { waitUntil(promise: Promise<unknown>): void },
  work: Promise<unknown>,
): void {
  try {
    executionCtx().waitUntil(work);
  } catch {
    // No execution context: nothing to tie it to.
  }
}
