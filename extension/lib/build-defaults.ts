import { DEFAULT_ODOO_ORIGINS, DEFAULT_WORKER_URL } from '../build-inputs';

/**
 * The build's inputs (ODOO_URL, WORKER_URL), baked into the bundle by extension/vite.config.ts.
 * Outside a Vite build (unit tests) the project defaults apply.
 */
declare const __C2C_BUILD__: { workerUrl: string; odooOrigins: string[] } | undefined;

export const BUILD_DEFAULTS: { workerUrl: string; odooOrigins: string[] } =
  typeof __C2C_BUILD__ === 'undefined'
    ? { workerUrl: DEFAULT_WORKER_URL, odooOrigins: DEFAULT_ODOO_ORIGINS }
    : __C2C_BUILD__;
