/**
 * Every element the content script adds to Odoo's page is a host with an open shadow root:
 * Odoo's CSS cannot reach inside and ours cannot leak out, while assistive tech and tests still
 * see the buttons (DESIGN.md, "Security"). Hosts are custom-named elements (never defined as
 * custom elements), so they are recognisable without an extra attribute on each of them.
 */

/** The host of one call button. */
export const CALL_BUTTON_TAG = 'odoo-click-to-call';
/** The host of the page-level layer (incoming toast, notices). */
export const OVERLAY_TAG = 'odoo-click-to-call-overlay';
export type HostTag = typeof CALL_BUTTON_TAG | typeof OVERLAY_TAG;

/** Whether a node is one of ours: the page watcher ignores the mutations we cause. */
export function isOurHost(node: Node): boolean {
  const name = (node as Element).localName;
  return name === CALL_BUTTON_TAG || name === OVERLAY_TAG;
}

const sheets = new Map<string, CSSStyleSheet>();

/** One constructed stylesheet per CSS text, shared by every shadow root that uses it. */
function sheetFor(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

const canAdoptSheets =
  typeof CSSStyleSheet === 'function' &&
  'replaceSync' in CSSStyleSheet.prototype &&
  'adoptedStyleSheets' in ShadowRoot.prototype;

/**
 * Adds `css` to the document's adopted stylesheets (once): for rules that only select our own
 * hosts and their `::part`s, so one sheet styles thousands of buttons without one per shadow
 * root. Returns false where the browser cannot (the caller then styles each root).
 */
export function adoptInDocument(css: string): boolean {
  if (!canAdoptSheets || !('adoptedStyleSheets' in Document.prototype)) return false;
  const sheet = sheetFor(css);
  // The page could replace the list; put ours back if it did.
  if (!document.adoptedStyleSheets.includes(sheet))
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return true;
}

export function removeFromDocument(css: string): void {
  const sheet = sheets.get(css);
  if (sheet && 'adoptedStyleSheets' in Document.prototype) {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  }
}

/**
 * Creates `<tag>` with an open shadow root, styled by `css` when given. `clonable`: the root is
 * copied when the host is cloned (browsers that do not know the option ignore it).
 */
export function createShadowHost(
  tag: HostTag,
  css?: string,
  { clonable = false } = {},
): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'open', ...(clonable ? { clonable } : {}) });
  if (css === undefined) return { host, root };
  if (canAdoptSheets) {
    // Shared sheet: two thousand buttons parse their CSS once (and it is CSSOM, not subject to
    // the page's style-src CSP).
    root.adoptedStyleSheets = [sheetFor(css)];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  return { host, root };
}
