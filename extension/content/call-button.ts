import { t } from './i18n';
import { createHandsetIcon } from './icon';
import type { FoundNumber } from './phone-text';
import { createShadowHost } from './shadow';

/**
 * - `idle`: a click calls the number;
 * - `in-call`: the phone's live call is with this number (a click does not call again);
 * - `busy`: a call with another number is live (a click does not start a second one).
 */
export type ButtonPhase = 'idle' | 'in-call' | 'busy';

const TEAL = '#017e84';
const GREEN = '#1a7f37';

const CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; margin-inline: 4px; line-height: 0; }
:host([hidden]) { display: none; }
button {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  inline-size: 20px; block-size: 20px; border-radius: 50%; background: ${TEAL}; color: #fff; cursor: pointer;
}
button:hover { filter: brightness(0.9); }
button:focus-visible { outline: 2px solid ${TEAL}; outline-offset: 2px; }
svg { inline-size: 12px; block-size: 12px; fill: currentColor; }
button[data-phase="in-call"] { background: ${GREEN}; animation: ring 1.2s ease-in-out infinite; }
button[data-phase="busy"] { background: #8f8f8f; cursor: not-allowed; }
button[aria-busy="true"] { opacity: 0.6; cursor: progress; }
@keyframes ring { 0%, 100% { box-shadow: 0 0 0 0 rgb(26 127 55 / 0.5); } 50% { box-shadow: 0 0 0 5px rgb(26 127 55 / 0); } }
@media (prefers-reduced-motion: reduce) { button { animation: none !important; } }
`;

let template: HTMLButtonElement | undefined;

/** Built once and cloned: cloning is much cheaper than building the button and its SVG each time. */
function buttonTemplate(): HTMLButtonElement {
  if (!template) {
    template = document.createElement('button');
    template.type = 'button';
    template.append(createHandsetIcon());
  }
  return template;
}

/**
 * The call button: `<button>` named `Call <number as shown>` in a shadow root. Clicks are not
 * handled here but by one listener for the whole page (see dialer.ts), which finds the button's
 * annotation from its host.
 */
export class CallButton {
  readonly host: HTMLElement;
  private readonly button: HTMLButtonElement;
  private label = '';
  private phase: ButtonPhase = 'idle';

  constructor() {
    const { host, root } = createShadowHost('span', 'call', CSS);
    this.host = host;
    this.button = buttonTemplate().cloneNode(true) as HTMLButtonElement;
    root.append(this.button);
  }

  /** Shows the number (hidden when there is none) in the given phase; cheap when nothing changed. */
  render(found: FoundNumber | null, phase: ButtonPhase): void {
    const hidden = found === null;
    if (this.host.hidden !== hidden) this.host.hidden = hidden;
    if (!found) return;
    const label = t('pageCallButton', found.display);
    if (label === this.label && phase === this.phase) return;
    this.label = label;
    this.phase = phase;
    this.button.setAttribute('aria-label', label);
    this.button.dataset.phase = phase;
    this.button.setAttribute('aria-disabled', String(phase !== 'idle'));
    this.button.title =
      phase === 'in-call' ? t('pageCallInProgress') : phase === 'busy' ? t('pageCallBusy') : label;
  }

  /** While the background answers a click: no second click, a busy cursor. */
  setPending(pending: boolean): void {
    if (pending) this.button.setAttribute('aria-busy', 'true');
    else this.button.removeAttribute('aria-busy');
  }
}
