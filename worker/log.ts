/**
 * Structured logs: one JSON object per line, which `wrangler tail` and Workers Logs show and
 * filter by field. Two rules hold for every line: no secret (tokens, keys, passwords, session
 * strings) and no full phone number (`maskNumber` keeps the country code and the last two
 * digits, enough to tell calls apart when helping an SDR, not enough to call anyone).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export function writeLog(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

/** `+33612345678` → `+33•••••••78`; `client:odoo_7` stays as is (an identity, not a number). */
export function maskNumber(number: string | null | undefined): string | undefined {
  if (!number) return undefined;
  if (!/^\+?\d{5,}$/.test(number)) return number.startsWith('client:') ? number : '•••';
  const plus = number.startsWith('+') ? '+' : '';
  const digits = number.slice(plus.length);
  const keep = digits.length > 10 ? 2 : 1; // country code shown: 1 or 2 digits is enough to read it
  return `${plus}${digits.slice(0, keep)}${'•'.repeat(digits.length - keep - 2)}${digits.slice(-2)}`;
}

/** An error as a short string for a log line: its name and message, never a stack or a body. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
