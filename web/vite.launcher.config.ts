import { defineConfig } from 'vite';

/**
 * The dispatch launcher: one classic script, ES2017, no imports left, written to
 * dist/dispatch-launcher/courier-launcher.js. The server copies it into every dispatch zip, so
 * the package runs from the recipient LMS without loading code from anywhere else.
 */
export default defineConfig({
  build: {
    outDir: 'dist/dispatch-launcher',
    emptyOutDir: true,
    target: 'es2017',
    copyPublicDir: false,
    lib: {
      entry: new URL('./src/dispatch-launcher/main.ts', import.meta.url).pathname,
      formats: ['iife'],
      name: 'courierLauncher',
      fileName: () => 'courier-launcher.js',
    },
  },
});
