import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };
import {
  developmentContentSecurityPolicy,
  withContentSecurityPolicy,
} from './src/electron-main/content-security-policy';

/**
 * index.html's CSP meta tag from the one policy main also sends as a header (content-security-policy.ts).
 * Vite's dev server injects <style> tags and talks to the page over a websocket, which the strict policy
 * forbids: only `npm run dev` gets the looser one; builds keep the strict one.
 */
const csp: Plugin = {
  name: 'mpd-csp',
  transformIndexHtml: {
    order: 'pre',
    handler: (html, context) =>
      context.server
        ? withContentSecurityPolicy(html, developmentContentSecurityPolicy())
        : withContentSecurityPolicy(html),
  },
};

// jose is ESM-only; bundling it keeps the CommonJS main and CLI free of require(esm) warnings.
const bundled = ['jose', 'zod', 'commander'];

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      externalizeDeps: { exclude: bundled },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/electron-main/main.ts'),
          cli: resolve(__dirname, 'src/cli/mpd.ts'),
          // The download's transfer worker threads (transfer-threads.ts), for both entries above.
          'transfer-worker': resolve(__dirname, 'src/node/downloads/transfer-worker.ts'),
        },
        // Every file of the main build in out/main, the chunks too: a module in any chunk finds the worker's
        // entry beside itself (src/node/downloads/transfer-worker-script.ts).
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src/electron-preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/browser'),
    base: './',
    plugins: [react(), csp],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src/browser/index.html') },
    },
  },
});
