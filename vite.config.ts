import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once into dist/renderer and served by the Electron app:// protocol or the web host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The bundled voice's worker is an ES module (it imports the engine from voice/ at run time).
  worker: { format: 'es' },
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', sourcemap: false },
});
