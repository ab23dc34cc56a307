import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import manifest, { ODOO_CONTENT_SCRIPT } from '../manifest.config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

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
  ],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: false,
  },
});
