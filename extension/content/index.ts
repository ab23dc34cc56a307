import { startContentScript } from './content-script';

// The manifest's content script and one registered at run time for an extra origin can both
// match a page; they share this isolated world, so the second one finds the flag and stops.
const LOADED = Symbol.for('odoo-click-to-call/content-script');
const scope = globalThis as typeof globalThis & { [LOADED]?: true };
if (!scope[LOADED]) {
  scope[LOADED] = true;
  startContentScript();
}
