/**
 * Events as a person makes them. In Chrome an event the user caused (a mouse click, Enter or
 * Space on a focused button, which the browser turns into a click) has `isTrusted` true, an
 * own, unforgeable property; one a page script makes (`button.click()`, `dispatchEvent`) has it
 * false. happy-dom has no `isTrusted` at all, so these helpers give the event one, as the
 * browser would: the content script acts only on those (issue 12, item 14).
 */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** A person clicks the element (mouse, or the keyboard on a focused button). */
export function userClick(element: Element): void {
  element.dispatchEvent(
    trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })),
  );
}

/** A person presses a key while the element has the focus. */
export function userKeyDown(element: Element, key: string): void {
  element.dispatchEvent(
    trusted(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true })),
  );
}

/** What a page script can do: a click that is not trusted (as `element.click()` in Chrome). */
export function scriptClick(element: Element): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
}

/** A page script's keydown (`dispatchEvent(new KeyboardEvent(…))`): not trusted either. */
export function scriptKeyDown(element: Element, key: string): void {
  element.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }),
  );
}
