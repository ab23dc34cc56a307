import { createShadowHost, OVERLAY_TAG } from './shadow';

const CSS = `
:host { all: initial; }
.stack {
  position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483000;
  display: flex; flex-direction: column; gap: 8px; align-items: flex-end;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f1f1f;
}
.card {
  box-sizing: border-box; inline-size: 320px; max-inline-size: calc(100vw - 32px); padding: 12px 14px;
  background: #fff; border-radius: 10px; border-inline-start: 4px solid #017e84;
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
}
.card.error { border-inline-start-color: #b3261e; }
.title { margin: 0 0 4px; font-size: 13px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: #017e84; }
.caller { margin: 0; font-size: 16px; font-weight: 600; overflow-wrap: anywhere; }
.detail { margin: 2px 0 0; color: #555; overflow-wrap: anywhere; }
.detail a { color: #017e84; }
.status { margin: 6px 0 0; color: #b3261e; }
.status:empty { display: none; }
.actions { display: flex; gap: 8px; margin-block-start: 10px; }
button {
  font: inherit; font-weight: 600; border: 0; border-radius: 6px; padding: 6px 14px; cursor: pointer;
}
button:focus-visible { outline: 2px solid #017e84; outline-offset: 2px; }
button:disabled { opacity: 0.6; cursor: progress; }
.accept { background: #1a7f37; color: #fff; }
.decline { background: #b3261e; color: #fff; }
.notice { display: flex; gap: 8px; align-items: flex-start; }
.notice p { margin: 0; flex: 1; overflow-wrap: anywhere; }
.dismiss { background: transparent; color: #555; padding: 0 4px; font-size: 18px; line-height: 1; }
@media (prefers-color-scheme: dark) {
  .stack { color: #eee; }
  .card { background: #262626; }
  .detail, .dismiss { color: #bbb; }
  /* The light scheme's teal and red are under 4.5:1 on the dark card (docs/ui.md). */
  .title, .detail a { color: #5cc8cd; }
  .status { color: #ff8a80; }
  button:focus-visible { outline-color: #5cc8cd; }
}
`;

/**
 * The content script's page-level layer (incoming toast, notices): one fixed host on body with a
 * shadow root, created on first use and outside the parts of the page that are watched.
 */
export class Overlay {
  private stack: HTMLElement | undefined;
  private host: HTMLElement | undefined;

  /** Adds a card to the stack (newest at the bottom, nearest the corner). */
  add(card: HTMLElement): void {
    if (!this.stack || !this.host?.isConnected) {
      const { host, root } = createShadowHost(OVERLAY_TAG, CSS);
      this.stack = document.createElement('div');
      this.stack.className = 'stack';
      root.append(this.stack);
      document.body.append(host);
      this.host = host;
    }
    this.stack.append(card);
  }

  remove(): void {
    this.host?.remove();
    this.host = undefined;
    this.stack = undefined;
  }
}

/** `<tag class="…">text</tag>`: page and caller data only ever enter the DOM as text. */
export function textElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}
