import { SETTINGS_KEY } from '../../shared/settings';
import { originMatchPattern, toOrigin } from '../build-inputs';
import { patternCovers } from './match-pattern';
import { createSerialQueue } from './serial';

/**
 * Where the call buttons run (issue 5; issue 12, item 14): the configured Odoo only.
 * - The ODOO_URL origins of the build: the manifest declares the content script there.
 * - The Odoo URL of the options page or of Chrome policy: the background registers the same file
 *   for it, as soon as the extension has access to it. A build's host access (the ODOO_URL
 *   origins, or Odoo Online, `https://*.odoo.com`, in a build without ODOO_URL) needs no prompt,
 *   so a policy preset there works for every user at once; elsewhere Chrome asks the user once.
 * - Origins added in the options page: Chrome asks for access, then the file is registered.
 * Nowhere else: a build without ODOO_URL declares the script for no page, so another tenant of
 * Odoo Online never gets it. Registrations persist, but Chrome drops them when the extension is
 * updated, so the background calls syncOdooContentScripts() on start-up and whenever
 * permissions, settings or policy change. Chrome's match patterns ignore ports here
 * (originMatchPattern): an origin is its scheme and host.
 *
 * This file uses `chrome.*` only (not the polyfill): the options page and the background share it.
 */

export type OriginResult = { ok: true } | { ok: false; reason: string };

/** chrome.storage.local: match patterns of the Odoo origins added at run time. */
export const ODOO_ORIGINS_KEY = 'odooOrigins';
/** Ids of our registered content scripts: prefix + match pattern. */
const SCRIPT_ID_PREFIX = 'odoo-origin:';

type OriginMessage = 'originInvalid' | 'originTooBroad' | 'originRefused' | 'originFailed';

function message(key: OriginMessage, ...substitutions: string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type ManifestContentScript = NonNullable<chrome.runtime.ManifestV3['content_scripts']>[number];

/** The manifest's Odoo content script (the first entry, see manifest.config.ts). */
function manifestContentScript(): ManifestContentScript | undefined {
  return (chrome.runtime.getManifest() as chrome.runtime.ManifestV3).content_scripts?.[0];
}

/**
 * Match patterns the manifest itself runs the content script on: its `matches` less its
 * `exclude_matches` (a build without ODOO_URL excludes everything it matches).
 */
function declaredPatterns(): string[] {
  const script = manifestContentScript();
  const excluded = script?.exclude_matches ?? [];
  return (script?.matches ?? []).filter(
    (match) => !excluded.some((pattern) => patternCovers(pattern, match)),
  );
}

function isDeclared(pattern: string): boolean {
  return declaredPatterns().some((match) => patternCovers(match, pattern));
}

/**
 * The configured Odoo URL, as the options page shows it: Chrome policy's `odooUrl` when it is a
 * usable origin, else the one saved in the options page (empty when none). Read with `chrome.*`
 * so that this file needs no polyfill; the rule is that of lib/settings.ts (no wildcard).
 */
export async function configuredOdooUrl(): Promise<string> {
  const usable = (value: unknown): string | null => {
    if (typeof value !== 'string' || value.includes('*')) return null;
    const parsed = parseOdooOrigin(value);
    return parsed.ok ? parsed.origin : null;
  };
  const policy = await chrome.storage.managed.get('odooUrl').catch(() => ({}) as Record<string, unknown>);
  const fromPolicy = usable((policy as Record<string, unknown>).odooUrl);
  if (fromPolicy) return fromPolicy;
  const stored = (await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as
    | { odooUrl?: unknown }
    | undefined;
  return usable(stored?.odooUrl) ?? '';
}

/** The configured Odoo URL's pattern when the extension has access there (no prompt needed), else null. */
async function configuredOdooPattern(): Promise<string | null> {
  const odooUrl = await configuredOdooUrl();
  if (!odooUrl) return null;
  const pattern = originMatchPattern(odooUrl);
  return (await chrome.permissions.contains({ origins: [pattern] })) ? pattern : null;
}

/**
 * Every match pattern the content script runs on: declared by the manifest, the configured Odoo
 * URL (where access is granted) and the origins added in the options page (where still granted).
 */
export async function odooContentScriptPatterns(): Promise<string[]> {
  const [granted, configured] = await Promise.all([grantedPatterns(), configuredOdooPattern()]);
  return [...new Set([...declaredPatterns(), ...granted, ...(configured ? [configured] : [])])];
}

/**
 * Whether a page of this origin is one the content script runs on: the background only takes
 * a content script's messages from those (background/sender-policy.ts).
 */
export async function isOdooContentScriptOrigin(origin: string): Promise<boolean> {
  let pattern: string;
  try {
    pattern = originMatchPattern(toOrigin(origin));
  } catch {
    return false;
  }
  return (await odooContentScriptPatterns()).some((match) => patternCovers(match, pattern));
}

/**
 * `https://acme.odoo.com/web#…` → its origin, refusing what is not one Odoo: not http(s), a bare
 * `*`, or a wildcard over a whole top-level domain (`*.com`).
 */
export function parseOdooOrigin(input: string): { ok: true; origin: string } | { ok: false; reason: string } {
  let origin: string;
  try {
    origin = toOrigin(input);
  } catch {
    return { ok: false, reason: message('originInvalid', input.trim()) };
  }
  const hostAndPort = origin.slice(origin.indexOf('://') + 3);
  const wildcard = hostAndPort.startsWith('*.');
  const host = hostAndPort.replace(/^\*\./, '').replace(/:\d+$/, '');
  if (host.includes('*')) return { ok: false, reason: message('originInvalid', input.trim()) };
  if (wildcard && host.split('.').length < 2) return { ok: false, reason: message('originTooBroad', origin) };
  return { ok: true, origin };
}

/**
 * Asks for access to an Odoo origin and makes the call buttons run there. Must be called from
 * a user gesture (the options page's Save or Sign in click): chrome.permissions.request is the
 * first asynchronous step, so nothing before it may await.
 */
export async function requestOdooOrigin(origin: string): Promise<OriginResult> {
  const parsed = parseOdooOrigin(origin);
  if (!parsed.ok) return parsed;
  const pattern = originMatchPattern(parsed.origin);
  // Origins the build baked in already run the content script: registering it again would
  // only risk running it twice.
  if (isDeclared(pattern)) return { ok: true };
  let granted: boolean;
  try {
    granted = await chrome.permissions.request({ origins: [pattern] });
  } catch (error) {
    return { ok: false, reason: message('originFailed', parsed.origin, errorText(error)) };
  }
  if (!granted) return { ok: false, reason: message('originRefused', parsed.origin) };
  try {
    const stored = await rememberedPatterns();
    if (!stored.includes(pattern))
      await chrome.storage.local.set({ [ODOO_ORIGINS_KEY]: [...stored, pattern] });
    await syncOdooContentScripts();
  } catch (error) {
    return { ok: false, reason: message('originFailed', parsed.origin, errorText(error)) };
  }
  return { ok: true };
}

async function rememberedPatterns(): Promise<string[]> {
  const items = await chrome.storage.local.get(ODOO_ORIGINS_KEY);
  const value: unknown = items[ODOO_ORIGINS_KEY];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function sameFiles(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join('\n') === (b ?? []).join('\n');
}

/** The origins added in the options page that Chrome still grants. */
async function grantedPatterns(): Promise<string[]> {
  const granted: string[] = [];
  for (const pattern of await rememberedPatterns()) {
    if (await chrome.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  return granted;
}

async function sync(): Promise<void> {
  const remembered = await rememberedPatterns();
  const granted = await grantedPatterns();
  // Access removed in Chrome's settings: forget the origin (the options page asks again).
  if (granted.length !== remembered.length) await chrome.storage.local.set({ [ODOO_ORIGINS_KEY]: granted });
  const configured = await configuredOdooPattern();
  // Where the manifest runs it already, a registration would only run it twice.
  const patterns = [...new Set([...granted, ...(configured ? [configured] : [])])].filter(
    (pattern) => !isDeclared(pattern),
  );

  // The built file names (they change with each build), read from the running manifest.
  const source = manifestContentScript();
  const js = source?.js ?? [];
  const wanted = new Map<string, chrome.scripting.RegisteredContentScript>();
  for (const pattern of js.length > 0 ? patterns : []) {
    const id = `${SCRIPT_ID_PREFIX}${pattern}`;
    wanted.set(id, {
      id,
      matches: [pattern],
      js,
      ...(source?.css?.length ? { css: source.css } : {}),
      runAt: source?.run_at ?? 'document_idle',
      allFrames: source?.all_frames ?? false,
      persistAcrossSessions: true,
    });
  }
  const registered = (await chrome.scripting.getRegisteredContentScripts()).filter((script) =>
    script.id.startsWith(SCRIPT_ID_PREFIX),
  );
  // Unwanted, or registered with the file names of an older build.
  const stale = registered.filter((script) => !sameFiles(script.js, wanted.get(script.id)?.js));
  if (stale.length > 0) {
    await chrome.scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
  }
  const current = new Set(registered.filter((script) => !stale.includes(script)).map((script) => script.id));
  const missing = [...wanted.values()].filter((script) => !current.has(script.id));
  if (missing.length === 0) return;
  try {
    await chrome.scripting.registerContentScripts(missing);
  } catch (error) {
    // The options page and the background both sync (a new Odoo URL is saved from one and seen
    // by the other), each in its own queue: the other one may have just registered the same
    // scripts. That is success; anything still missing is not.
    const now = new Set((await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id));
    if (missing.some((script) => !now.has(script.id))) throw error;
  }
}

const serial = createSerialQueue();

/**
 * Makes the registered content scripts match the granted run-time origins: registers missing
 * ones, drops those whose access was removed or whose files are from an older build. Calls are
 * serialised (start-up and a permission change can overlap).
 */
export function syncOdooContentScripts(): Promise<void> {
  return serial(sync);
}

/**
 * For the background service worker, called synchronously at its top level: keeps the
 * registrations in step on install/update, on browser start-up, when the user grants or removes
 * an origin in Chrome's settings, and when the Odoo URL changes (options page or policy).
 */
export function keepOdooContentScriptsInSync(): void {
  const resync = (): void => {
    syncOdooContentScripts().catch((error: unknown) => console.error('Odoo origins: sync failed', error));
  };
  chrome.runtime.onInstalled.addListener(resync);
  chrome.runtime.onStartup.addListener(resync);
  chrome.permissions.onAdded.addListener(resync);
  chrome.permissions.onRemoved.addListener(resync);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && SETTINGS_KEY in changes)) resync();
  });
}
