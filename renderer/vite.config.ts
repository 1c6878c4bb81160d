import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * One renderer build for both shells: Electron loads out/renderer from its app protocol, the
 * browser shell serves the same files. `base: './'` keeps asset URLs relative so neither needs
 * to know where the files are mounted. Paths hang off this file's folder (not the working
 * directory), so the build works from wherever it is started.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root.
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // A data: URL for a small asset would need img-src/font-src data: for every kind; keep files.
    assetsInlineLimit: 0,
    // Vite's modulepreload polyfill is dead weight in Chromium and Electron.
    modulePreload: { polyfill: false },
  },
});
