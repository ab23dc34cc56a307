import { EXIT, type ExitCode } from './admin-error';

/** One line of the `npm run setup -- --check` table. */
export interface CheckRow {
  what: string;
  /** null: not checked, because an earlier check failed or there was nothing to check. */
  ok: boolean | null;
  detail: string;
  /** The exit code this failure calls for. */
  failureCode?: ExitCode;
}

export const fine = (what: string, detail: string): CheckRow => ({ what, ok: true, detail });

export const toFix = (
  what: string,
  detail: string,
  failureCode: ExitCode = EXIT.needsAttention,
): CheckRow => ({
  what,
  ok: false,
  detail,
  failureCode,
});

export const notChecked = (what: string, detail: string): CheckRow => ({ what, ok: null, detail });
