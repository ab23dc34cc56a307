/**
 * How generic click-to-dial tools find numbers (for the benchmark's comparison): walk every
 * text node of the page, run libphonenumber-js findNumbers on it, and wrap each number found in
 * a call link. Bundled for the page by the benchmark; exposes window.genericClickToDial().
 */
import { findNumbers } from 'libphonenumber-js';

function annotate(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const textNodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) textNodes.push(node as Text);
  let found = 0;
  for (const text of textNodes) {
    const value = text.data;
    if (value.trim().length < 7) continue;
    const numbers = findNumbers(value, { defaultCountry: 'BE', v2: true });
    // Right to left, so earlier offsets stay valid while the text node is split.
    for (const { number, startsAt, endsAt } of numbers.reverse()) {
      const tail = text.splitText(startsAt);
      tail.splitText(endsAt - startsAt);
      const link = document.createElement('a');
      link.href = `tel:${number.number}`;
      link.className = 'c2d-link';
      tail.replaceWith(link);
      link.append(tail);
      found++;
    }
  }
  return found;
}

/** Runs the scan from a timer of this script, so a trace shows it as this script's own task. */
(window as unknown as { genericClickToDial: () => Promise<number> }).genericClickToDial = () =>
  new Promise((resolve) => setTimeout(() => resolve(annotate()), 0));
