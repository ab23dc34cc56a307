import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import manifest, { ODOO_CONTENT_SCRIPT } from '../manifest.config.ts';
import packageJson from '../package.json' with { type: 'json' };
import { MANAGED_SCHEMA } from '../shared/managed-policy.ts';
import { readBuildInputs } from './build-inputs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = readBuildInputs(process.env);

// Builds the MV3 extension into dist/ (load it unpacked, or zip it with `npm run package`).
export default defineConfig({
  root,
  publicDir: `${root}extension/public`,
  plugins: [
    react(),
    // The Odoo content script is built as one self-contained file (no loader, no shared chunk):
    // nothing has to be web-accessible, and the same file can be registered at run time for
    // origins added in the options page (extension/lib/odoo-origins.ts).
    crx({ manifest, contentScripts: { standaloneFiles: [ODOO_CONTENT_SCRIPT] } }),
    {
      // The manifest's storage.managed_schema, from the one definition the release tooling uses too.
      name: 'managed-schema',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'managed-schema.json',
          source: `${JSON.stringify(MANAGED_SCHEMA, null, 2)}\n`,
        });
      },
    },
  ],
  // The build's inputs and version, for the settings' defaults (extension/lib/build-defaults.ts).
  define: {
    __C2C_BUILD__: JSON.stringify({
      workerUrl: inputs.workerUrl,
      odooOrigins: inputs.odooOrigins,
      version: packageJson.version,
    }),
  },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // Pages the manifest does not name: the offscreen document that holds the Twilio Device.
      input: { offscreen: `${root}extension/offscreen/index.html` },
    },
  },
});
