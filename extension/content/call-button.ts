import { messageWith, t } from './i18n';
import { HANDSET_CLIP_PATH } from './icon';
import type { FoundNumber } from './phone-text';
import { adoptInDocument, CALL_BUTTON_TAG, createShadowHost, removeFromDocument } from './shadow';

/**
 * - `idle`: a click calls the number;
 * - `in-call`: the phone's live call is with this number (a click does not call again);
 * - `busy`: a call with another number is live (a click does not start a second one).
 */
export type ButtonPhase = 'idle' | 'in-call' | 'busy';

const TEAL = '#017e84';
const GREEN = '#1a7f37';

/**
 * The buttons' rules, written once for two places. Normally one stylesheet adopted by the
 * document styles every button through its shadow parts (`part="button in-call"` …): it selects
 * only our hosts and their parts, so Odoo's CSS still cannot reach the buttons and ours touches
 * nothing of Odoo's, while thousands of buttons share one sheet. Where the document cannot adopt
 * sheets, the same rules go inside each shadow root. Parts, not attributes, carry the state:
 * nothing but pseudo-classes may follow `::part()`. Explicit properties rather than `all: …`,
 * which would make each style recalculation much dearer.
 */
function buttonCss(host: string, hiddenHost: string, part: (name: string) => string): string {
  return `
${host} { display: inline-block; vertical-align: middle; margin: 0 4px; line-height: 0; }
${hiddenHost} { display: none; }
${part('button')} {
  box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  width: 20px; height: 20px; margin: 0; padding: 0; border: 0; border-radius: 50%;
  background: ${TEAL}; color: #fff; cursor: pointer; appearance: none;
}
${part('button')}:hover { filter: brightness(0.9); }
${part('button')}:focus-visible { outline: 2px solid ${TEAL}; outline-offset: 2px; }
${part('button')}::before { content: ""; width: 12px; height: 12px; background: currentColor; clip-path: ${HANDSET_CLIP_PATH}; }
${part('in-call')} { background: ${GREEN}; animation: odoo-click-to-call-ring 1.2s ease-in-out infinite; }
${part('busy')} { background: #8f8f8f; cursor: not-allowed; }
${part('pending')} { opacity: 0.6; cursor: progress; }
@keyframes odoo-click-to-call-ring {
  0%, 100% { box-shadow: 0 0 0 0 rgb(26 127 55 / 0.5); } 50% { box-shadow: 0 0 0 5px rgb(26 127 55 / 0); }
}
@media (prefers-reduced-motion: reduce) { ${part('button')} { animation: none !important; } }
`;
}

const DOCUMENT_CSS = buttonCss(
  CALL_BUTTON_TAG,
  `${CALL_BUTTON_TAG}[hidden]`,
  (name) => `${CALL_BUTTON_TAG}::part(${name})`,
);
const SHADOW_CSS = buttonCss(':host', ':host([hidden])', (name) => `[part~="${name}"]`);

let template: HTMLButtonElement | undefined;
let callLabel: ((display: string) => string) | undefined;

let documentStyled = false;

/**
 * Puts the buttons' stylesheet in the document if it is not there (first use, or the page
 * replaced the document's adopted sheets). Cheap; the annotator calls it once per batch.
 */
export function ensureCallButtonStyles(): void {
  documentStyled = adoptInDocument(DOCUMENT_CSS);
}

/** Takes the buttons' stylesheet out of the document (the content script stops). */
export function releaseCallButtonStyles(): void {
  removeFromDocument(DOCUMENT_CSS);
  documentStyled = false;
}

/**
 * Built once and cloned; an idle button (no phase attribute) then needs one attribute of its
 * own, its name.
 */
function buttonTemplate(): HTMLButtonElement {
  if (!template) {
    template = document.createElement('button');
    template.type = 'button';
    template.setAttribute('part', 'button');
  }
  return template;
}

/**
 * A host with its shadow root and button, cloned in one call where the browser clones shadow
 * roots (`clonable`, Chrome 124+): a third of the DOM calls of building one, which shows on a
 * 1,000-row list. Null where it cannot (older Chrome): buttons are then built one by one.
 */
let hostTemplate: HTMLElement | null | undefined;

function clonedHost(): { host: HTMLElement; button: HTMLButtonElement } | null {
  if (hostTemplate === undefined) {
    const { host, root } = createShadowHost(CALL_BUTTON_TAG, undefined, { clonable: true });
    root.append(buttonTemplate().cloneNode());
    hostTemplate = (host.cloneNode(true) as HTMLElement).shadowRoot ? host : null;
  }
  if (!hostTemplate) return null;
  const host = hostTemplate.cloneNode(true) as HTMLElement;
  return { host, button: (host.shadowRoot as ShadowRoot).firstChild as HTMLButtonElement };
}

/**
 * The call button: `<button>` named `Call <number as shown>` in a shadow root. Clicks are not
 * handled here but by one listener for the whole page (see content-script.ts), which finds the
 * button's annotation from its host.
 */
export class CallButton {
  readonly host: HTMLElement;
  private readonly button: HTMLButtonElement;
  private label = '';
  private phase: ButtonPhase = 'idle';
  private pending = false;
  private hidden = false;

  constructor() {
    if (!documentStyled) ensureCallButtonStyles();
    // Only buttons styled by the document's sheet can be clones: a root's own sheet is not cloned.
    const cloned = documentStyled ? clonedHost() : null;
    if (cloned) {
      this.host = cloned.host;
      this.button = cloned.button;
      return;
    }
    const { host, root } = createShadowHost(CALL_BUTTON_TAG, documentStyled ? undefined : SHADOW_CSS);
    this.host = host;
    this.button = buttonTemplate().cloneNode() as HTMLButtonElement;
    root.append(this.button);
  }

  /** Shows the number (hidden when there is none) in the given phase; cheap when nothing changed. */
  render(found: FoundNumber | null, phase: ButtonPhase): void {
    const hidden = found === null;
    if (hidden !== this.hidden) {
      this.hidden = hidden;
      this.host.hidden = hidden;
    }
    if (!found) return;
    callLabel ??= messageWith('pageCallButton');
    const label = callLabel(found.display);
    if (label !== this.label) {
      this.label = label;
      this.button.setAttribute('aria-label', label);
    }
    if (phase !== this.phase) {
      this.phase = phase;
      this.updateParts();
      // The icon says "call"; a tooltip is only needed to say why a click will not call.
      if (phase === 'idle') {
        for (const name of ['data-phase', 'aria-disabled', 'title']) this.button.removeAttribute(name);
      } else {
        this.button.dataset.phase = phase;
        this.button.setAttribute('aria-disabled', 'true');
        this.button.title = phase === 'in-call' ? t('pageCallInProgress') : t('pageCallBusy');
      }
    }
  }

  /** While the background answers a click: no second click, a busy cursor. */
  setPending(pending: boolean): void {
    this.pending = pending;
    this.updateParts();
    if (pending) this.button.setAttribute('aria-busy', 'true');
    else this.button.removeAttribute('aria-busy');
  }

  private updateParts(): void {
    let parts = 'button';
    if (this.phase !== 'idle') parts += ` ${this.phase}`;
    if (this.pending) parts += ' pending';
    this.button.setAttribute('part', parts);
  }
}
