import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://ceremony/ (Electron) or the loopback test bridge: relative paths work in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // The ceremony wizard, and the custody entry window's own page (issue 11).
    rollupOptions: { input: { main: 'renderer/index.html', entry: 'renderer/entry.html' } },
  },
});
