import { originMatchPattern, toOrigin } from '../build-inputs';
import { patternCovers } from './match-pattern';
import { createSerialQueue } from './serial';

/**
 * Odoo origins added at run time (issue 5). The build bakes ODOO_URL origins into the
 * manifest's content script; an admin who types another Odoo address in the options page gets
 * it here: Chrome asks the user for access to that origin, then the same content script file
 * is registered for it. Registrations persist, but Chrome drops them when the extension is
 * updated, so the background calls syncOdooContentScripts() on start-up and whenever
 * permissions change.
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
  if (manifestContentScript()?.matches?.some((match) => patternCovers(match, pattern))) return { ok: true };
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

async function sync(): Promise<void> {
  const remembered = await rememberedPatterns();
  const granted: string[] = [];
  for (const pattern of remembered) {
    if (await chrome.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  // Access removed in Chrome's settings: forget the origin (the options page asks again).
  if (granted.length !== remembered.length) await chrome.storage.local.set({ [ODOO_ORIGINS_KEY]: granted });

  // The built file names (they change with each build), read from the running manifest.
  const source = manifestContentScript();
  const js = source?.js ?? [];
  const wanted = new Map<string, chrome.scripting.RegisteredContentScript>();
  for (const pattern of js.length > 0 ? granted : []) {
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
  if (missing.length > 0) await chrome.scripting.registerContentScripts(missing);
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
 * registrations in step on install/update, on browser start-up and when the user grants or
 * removes an origin in Chrome's settings.
 */
export function keepOdooContentScriptsInSync(): void {
  const resync = (): void => {
    syncOdooContentScripts().catch((error: unknown) => console.error('Odoo origins: sync failed', error));
  };
  chrome.runtime.onInstalled.addListener(resync);
  chrome.runtime.onStartup.addListener(resync);
  chrome.permissions.onAdded.addListener(resync);
  chrome.permissions.onRemoved.addListener(resync);
}
