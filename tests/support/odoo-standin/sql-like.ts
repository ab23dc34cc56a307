/**
 * PostgreSQL string comparisons as Odoo's SQL uses them: `=`, `!=`, and `LIKE`/`ILIKE` patterns
 * where `%` is any run of characters, `_` any one character and `\` escapes the next one.
 * Odoo's `unaccent` is off by default, so `ilike` only folds case.
 */

const cache = new Map<string, RegExp>();

function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern[index]!);
    } else if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += escapeRegExp(char);
  }
  const regExp = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  cache.set(key, regExp);
  return regExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function sqlCompare(value: string, operator: string, pattern: string): boolean {
  switch (operator) {
    case '=':
      return value === pattern;
    case '!=':
      return value !== pattern;
    case 'like':
      return likeToRegExp(pattern, false).test(value);
    case 'ilike':
      return likeToRegExp(pattern, true).test(value);
    case 'not like':
      return !likeToRegExp(pattern, false).test(value);
    case 'not ilike':
      return !likeToRegExp(pattern, true).test(value);
    default:
      throw new Error(`sqlCompare: unsupported operator ${operator}`);
  }
}

/**
 * Odoo's `like`/`ilike` look for the value anywhere: it wraps it in `%…%` as it is, so a `%` or
 * `_` the client sends still acts as a wildcard (use `=like` to give a whole pattern).
 */
export function containsPattern(value: string): string {
  return `%${value}%`;
}
