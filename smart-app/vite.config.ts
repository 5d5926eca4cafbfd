import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The SMART app and the consoles, built into dist/smart-app and served by the express server at /app/. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  resolve: {
    alias: { 'isomorphic-webcrypto': fileURLToPath(new URL('./src/launch/webcrypto.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/smart-app', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
