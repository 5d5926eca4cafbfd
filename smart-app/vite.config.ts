import { mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('../dist/smart-app', import.meta.url));
const demoDir = fileURLToPath(new URL('../dist/demo', import.meta.url));

/**
 * The demo workstation's page leaves the /app/ folder after the build: everything in dist/smart-app
 * is served at /app/ in production too, and the workstation must not exist there. The server serves
 * it at /demo outside production only (server/demo/workstation-page.ts); its scripts stay in /app/assets.
 */
function demoPageOutOfApp(): Plugin {
  return {
    name: 'huren-demo-page-out-of-app',
    apply: 'build',
    writeBundle() {
      mkdirSync(demoDir, { recursive: true });
      renameSync(`${outDir}/demo.html`, `${demoDir}/workstation.html`);
    },
  };
}

/**
 * Two pages, one build: the SMART app and consoles (index.html, served by the express server at
 * /app/), and the development demo workstation (demo.html, served at /demo).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react(), demoPageOutOfApp()],
  resolve: {
    alias: { 'isomorphic-webcrypto': fileURLToPath(new URL('./src/launch/webcrypto.ts', import.meta.url)) },
  },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        demo: fileURLToPath(new URL('./demo.html', import.meta.url)),
      },
    },
  },
});
