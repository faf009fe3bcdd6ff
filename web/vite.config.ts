/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Three pages: the admin dashboard at /, the learner's player at /player/ and the GraphQL
// explorer at /explorer/.
// Both are served by the Courier server from web/dist; nothing loads from a CDN.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        dashboard: new URL('./index.html', import.meta.url).pathname,
        player: new URL('./player/index.html', import.meta.url).pathname,
        explorer: new URL('./explorer/index.html', import.meta.url).pathname,
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/api': 'http://localhost:4000',
      '/content': 'http://localhost:4000',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
