import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import manifest from '../manifest.config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// Builds the MV3 extension into dist/ (load it unpacked, or zip it with `npm run package`).
export default defineConfig({
  root,
  publicDir: `${root}extension/public`,
  plugins: [react(), crx({ manifest })],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: false,
  },
});
