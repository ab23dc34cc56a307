import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import manifest from '../manifest.config.ts';
import packageJson from '../package.json' with { type: 'json' };
import { readBuildInputs } from './build-inputs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = readBuildInputs(process.env);

// Builds the MV3 extension into dist/ (load it unpacked, or zip it with `npm run package`).
export default defineConfig({
  root,
  publicDir: `${root}extension/public`,
  plugins: [react(), crx({ manifest })],
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
