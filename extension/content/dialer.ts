import type { PhoneState } from '../../shared/phone-state';
import { sendToBackground } from '../lib/messaging';
import type { Annotation, Annotator } from './annotator';
import type { ButtonPhase } from './call-button';
import { t } from './i18n';
import { recordContextFor } from './odoo-page';
import { type FoundNumber, sameNumber } from './phone-text';
import { recordCountryFor } from './record-country';

/** How a button looks given the live call: the call's own number, another call live, or free. */
export function phaseFor(found: FoundNumber, phone: PhoneState | null): ButtonPhase {
  const call = phone?.call;
  if (!call) return 'idle';
  return sameNumber(found.number, call.party.number) ? 'in-call' : 'busy';
}

export interface DialerDeps {
  annotator: Annotator;
  phone: () => PhoneState | null;
  notify: (message: string, kind?: 'info' | 'error') => void;
  /** The page's address when the click happens (the record context is read then, not before). */
  href: () => string;
}

/**
 * Turns a click on a call button into a `dial` message to the background. The number is read
 * again at click time (the field may have been edited since), a live call is never doubled, and
 * every refusal is shown to the user.
 */
export class Dialer {
  private pending = false;

  constructor(private readonly deps: DialerDeps) {}

  async dial(annotation: Annotation): Promise<void> {
    // One click at a time: a double click must not start two calls.
    if (this.pending) return;
    const found = this.deps.annotator.reread(annotation);
    if (!found) return;
    const phase = phaseFor(found, this.deps.phone());
    if (phase !== 'idle') {
      this.deps.notify(phase === 'in-call' ? t('pageCallInProgress') : t('pageCallBusy'));
      return;
    }
    const record = recordContextFor(annotation.element, this.deps.href());
    const country = recordCountryFor(annotation.element);
    this.pending = true;
    annotation.button.setPending(true);
    try {
      const result = await sendToBackground('dial', {
        number: found.number,
        display: found.display,
        ...(record ? { record } : {}),
        ...(country ? { country } : {}),
      });
      if (result.ok) {
        // The number as it is dialled, in full: a national number read in the wrong country
        // would show here as a stranger's before anyone answers.
        this.deps.notify(t('pageCalling', result.data.display));
      } else {
        // A context-less content script (extension updated or reloaded) can only be fixed by a reload.
        const message =
          result.error.code === 'unreachable'
            ? t('pageExtensionReloaded')
            : t('pageDialFailed', result.error.message);
        this.deps.notify(message, 'error');
      }
    } finally {
      this.pending = false;
      annotation.button.setPending(false);
    }
  }
}
