/**
 * Errors the admin CLIs (setup, deploy) end with, and their exit codes. Scripts and CI branch on
 * the code; people read the message, which always says what to do next and never holds a secret.
 */
export const EXIT = {
  ok: 0,
  /** `--check` found something to fix, or the deployed worker is not healthy. */
  needsAttention: 1,
  /** Bad or missing flags, or a value is needed and there is no terminal to ask for it. */
  usage: 2,
  /** Twilio refused the account SID / auth token (Twilio error 20003). */
  twilioAuth: 3,
  /** A resource the admin named does not exist in the account (e.g. a number it does not own). */
  notFound: 4,
  /** The worker could not be reached at its public URL. */
  workerUnreachable: 5,
  /** A wrangler command failed. */
  wrangler: 6,
  /** Twilio answered with another error. */
  twilio: 7,
  /** The extension build failed, or what it built does not match the release (npm run package). */
  build: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class AdminError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export function usageError(message: string): AdminError {
  return new AdminError(message, EXIT.usage);
}
