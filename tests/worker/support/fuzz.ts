/**
 * Deterministic junk for the abuse tests (tests/worker/abuse-*.test.ts): a seeded generator, so a
 * failing case can be replayed from its seed and index, and the shapes malformed input takes.
 */

/** mulberry32: small, fast, good enough to pick cases. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Random = ReturnType<typeof seeded>;

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** Strings people and attackers send: empty, huge, control characters, markup, lone surrogates… */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  '\u0007bell',
  '\ud800',
  '\udc00x',
  '\ufeff',
  '🎧',
  '<Dial>+33899000000</Dial>',
  ']]><Hangup/>',
  '"><script>alert(1)</script>',
  "'; DROP TABLE calls; --",
  '../../etc/passwd',
  '%00',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j probe, as text.
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  `CA${'0'.repeat(32)}`,
  `CA${'f'.repeat(33)}`,
  'client:odoo_1',
  'client:odoo_0',
  'client:odoo_99999999999',
  '+33899123456',
  '+882345678901',
  '+1',
  `+${'9'.repeat(30)}`,
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
];

/** JSON values of every type, hostile strings among them. */
export function junkValue(random: Random, depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 2 ? 6 : 8));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.MIN_VALUE]);
    case 3:
    case 4:
    case 5:
      return pick(random, HOSTILE_STRINGS);
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => junkValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [
          pick(random, [
            'login',
            'password',
            'disposition',
            'note',
            'status',
            'registered',
            '__proto__',
            'x',
          ]),
          junkValue(random, depth + 1),
        ]),
      );
  }
}

/** A valid JSON body bent out of shape: a field dropped, retyped, added, or the whole replaced. */
export function mutateJson(random: Random, valid: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = { ...valid };
  const keys = Object.keys(copy);
  switch (Math.floor(random() * 5)) {
    case 0:
      if (keys.length > 0) delete copy[pick(random, keys)];
      return copy;
    case 1:
      if (keys.length > 0) copy[pick(random, keys)] = junkValue(random);
      return copy;
    case 2:
      for (const key of keys) copy[key] = junkValue(random);
      return copy;
    case 3:
      copy[pick(random, ['__proto__', 'constructor', 'extra', 'uid', 'agent'])] = junkValue(random);
      if (keys.length > 0) copy[pick(random, keys)] = junkValue(random);
      return copy;
    default:
      return junkValue(random);
  }
}

/** Bodies that are not JSON (or barely): truncated, nested too deep, with a BOM, binary. */
export function junkText(random: Random, valid: string): string {
  switch (Math.floor(random() * 7)) {
    case 0:
      return valid.slice(0, Math.floor(random() * valid.length));
    case 1:
      return `${'['.repeat(2000)}${']'.repeat(2000)}`;
    case 2:
      return `\ufeff${valid}`;
    case 3:
      return String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(random() * 256)));
    case 4:
      return valid.replace(/"/g, "'");
    case 5:
      return `${valid}${valid}`;
    default:
      return pick(random, ['', 'null', '[]', '{}', '""', '0', '{"a":', 'undefined']);
  }
}

/** Form parameters bent out of shape: one dropped, retyped, duplicated, or hostile names added. */
export function mutateForm(
  random: Random,
  valid: readonly (readonly [string, string])[],
): [string, string][] {
  const pairs = valid.map(([name, value]) => [name, value] as [string, string]);
  const index = Math.floor(random() * pairs.length);
  switch (Math.floor(random() * 5)) {
    case 0:
      pairs.splice(index, 1);
      return pairs;
    case 1:
      pairs[index] = [pairs[index]![0], pick(random, HOSTILE_STRINGS)];
      return pairs;
    case 2:
      return pairs.map(([name]) => [name, pick(random, HOSTILE_STRINGS)]);
    case 3:
      pairs.push([
        pick(random, ['__proto__', 'constructor', pairs[index]![0]]),
        pick(random, HOSTILE_STRINGS),
      ]);
      return pairs;
    default:
      pairs.unshift([pairs[index]![0], pick(random, HOSTILE_STRINGS)]);
      return pairs;
  }
}

/**
 * Text for a URL: percent-encoded; a lone surrogate (which no URL can carry as a character) as the
 * raw bytes an attacker would send in its place.
 */
export function urlText(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** Text a client can put in a header (printable ASCII); anything else becomes its URL escape. */
export function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : urlText(text);
}

/** One line a measuring script reads back (tests/security/measure.ts). */
export function reportMeasure(name: string, value: unknown): void {
  console.log(`SECURITY-MEASURE ${JSON.stringify({ name, value })}`);
}
