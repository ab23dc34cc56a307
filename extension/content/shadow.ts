/**
 * Every element the content script adds to Odoo's page is a host with an open shadow root:
 * Odoo's CSS cannot reach inside and ours cannot leak out, while assistive tech and tests still
 * see the buttons (DESIGN.md, "Security").
 */

/** Marks our hosts, so the page watcher ignores the mutations we cause and tests can find them. */
export const HOST_ATTRIBUTE = 'data-odoo-click-to-call';

export function isOurHost(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && (node as Element).hasAttribute(HOST_ATTRIBUTE);
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

/** Creates `<tag data-odoo-click-to-call="kind">` with an open shadow root styled by `css`. */
export function createShadowHost(
  tag: 'span' | 'div',
  kind: string,
  css: string,
): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  host.setAttribute(HOST_ATTRIBUTE, kind);
  const root = host.attachShadow({ mode: 'open' });
  if (canAdoptSheets) {
    // Shared sheet: two thousand buttons parse their CSS once.
    root.adoptedStyleSheets = [sheetFor(css)];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  return { host, root };
}
