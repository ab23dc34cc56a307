/** Lets queued DOM mutations and promise callbacks run (MutationObserver delivers in a microtask). */
export function afterMutations(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every call button on the page, in document order (they live in open shadow roots). */
export function callButtons(root: ParentNode = document): HTMLButtonElement[] {
  return Array.from(root.querySelectorAll('odoo-click-to-call')).flatMap((host) =>
    (host as HTMLElement).hidden ? [] : Array.from(host.shadowRoot?.querySelectorAll('button') ?? []),
  );
}

/** Accessible names of the visible call buttons. */
export function callButtonNames(root: ParentNode = document): string[] {
  return callButtons(root).map((button) => button.getAttribute('aria-label') ?? '');
}

/** The page-level layer (toast, notices). */
export function overlayRoot(): ShadowRoot | null {
  return document.querySelector('odoo-click-to-call-overlay')?.shadowRoot ?? null;
}

/** Text of the in-page notices shown now. */
export function noticeTexts(): string[] {
  return Array.from(overlayRoot()?.querySelectorAll('.notice p') ?? []).map((p) => p.textContent ?? '');
}
