/**
 * The promise-based `browser.*` API (webextension-polyfill) for background, offscreen, popup and
 * options. Chrome-only APIs the polyfill does not describe (`offscreen`,
 * `storage.session.setAccessLevel`, `action` badge colours) are used through `chrome.*`, which
 * returns promises too in Manifest V3.
 */
import browser from 'webextension-polyfill';

export type { Browser, Runtime, Storage } from 'webextension-polyfill';
export { browser };
