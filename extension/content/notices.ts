import { t } from './i18n';
import { type Overlay, textElement } from './overlay';

/** Long enough to read a sentence; the user can dismiss it sooner. */
const NOTICE_MS = 8000;

/**
 * Short messages about what a click did not do (a call already live, the background refused),
 * so a click never fails silently. One at a time: a new notice replaces the previous one.
 */
export class Notices {
  private current: { card: HTMLElement; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(private readonly overlay: Overlay) {}

  show(message: string, kind: 'info' | 'error' = 'info'): void {
    this.dismiss();
    const card = document.createElement('div');
    card.className = kind === 'error' ? 'card notice error' : 'card notice';
    card.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const close = textElement('button', 'dismiss', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('pageDismiss'));
    // The user's click only, like every button the content script adds (content-script.ts).
    close.addEventListener('click', (event) => {
      if (event.isTrusted) this.dismiss();
    });
    card.append(textElement('p', '', message), close);
    this.overlay.add(card);
    this.current = { card, timer: setTimeout(() => this.dismiss(), NOTICE_MS) };
  }

  dismiss(): void {
    if (!this.current) return;
    clearTimeout(this.current.timer);
    this.current.card.remove();
    this.current = undefined;
  }
}
