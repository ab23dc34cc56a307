import { DEFAULT_WORKER_URL } from '../build-inputs';

/**
 * What the build knows: its inputs (ODOO_URL, WORKER_URL) and the extension's version, baked
 * into the bundle by extension/vite.config.ts. (The offscreen document cannot read the manifest:
 * its `chrome.runtime` has no `getManifest`.) Outside a Vite build (unit tests) the project
 * defaults apply.
 */
export interface BuildInfo {
  workerUrl: string;
  /** ODOO_URL's origins (empty in a default build): the manifest runs the content script there. */
  odooOrigins: string[];
  version: string;
}

declare const __C2C_BUILD__: BuildInfo | undefined;

export const BUILD_INFO: BuildInfo =
  typeof __C2C_BUILD__ === 'undefined'
    ? { workerUrl: DEFAULT_WORKER_URL, odooOrigins: [], version: '0.0.0-dev' }
    : __C2C_BUILD__;
