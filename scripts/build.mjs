// Builds main + preload (esbuild, CommonJS for Electron) and the renderer (Vite) into out/.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
};

await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.cjs' }),
  // The sandboxed preload may require only 'electron': everything else is bundled in.
  esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'out/preload/index.cjs' }),
]);
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built out/main, out/preload, out/renderer');
