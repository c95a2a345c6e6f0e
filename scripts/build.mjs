// Builds main + preload (esbuild, CommonJS for Electron) and the renderer (Vite) into out/.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { fontkitRawGlyphs } from './fontkit-raw-glyphs.mjs';
import { lazyFontkitBrotli } from './lazy-fontkit-brotli.mjs';
import { lazyPdfkitAes } from './lazy-pdfkit-aes.mjs';
import { lazySdkBuiltins } from './lazy-sdk-builtins.mjs';
import { nativeInflate } from './native-inflate.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
};

// ESM code bundled as CommonJS (pdfkit's ESM build, the PDF font locator) reads import.meta.url: give it
// the bundle's own URL, so out/main/fonts and pdfkit's data paths resolve beside out/main/index.cjs.
const importMetaUrl = {
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

await Promise.all([
  esbuild({
    ...common,
    ...importMetaUrl,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'out/main/index.cjs',
    plugins: [lazyPdfkitAes, lazyFontkitBrotli, nativeInflate, fontkitRawGlyphs, lazySdkBuiltins],
  }),
  // The sandboxed preload may require only 'electron': everything else is bundled in.
  esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'out/preload/index.cjs' }),
  // The custody entry window's own preload (issue 11): window.custodyEntry only.
  esbuild({ ...common, entryPoints: ['electron/preload/entry.ts'], outfile: 'out/preload/entry.cjs' }),
]);
await copyPdfFonts('out/main/fonts');
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built out/main, out/preload, out/renderer');

// The fonts the PDF record embeds (electron/core/pdf/font-faces.json), beside the bundle: out/main/fonts/.
async function copyPdfFonts(target) {
  const { cp, mkdir, readFile, rm } = await import('node:fs/promises');
  const table = JSON.parse(await readFile('electron/core/pdf/font-faces.json', 'utf8'));
  await rm(target, { recursive: true, force: true });
  for (const { family, subsets, weights, format } of table.families) {
    const from = `node_modules/@fontsource/${family}`;
    await mkdir(`${target}/${family}/files`, { recursive: true });
    await cp(`${from}/unicode.json`, `${target}/${family}/unicode.json`);
    await cp(`${from}/LICENSE`, `${target}/${family}/LICENSE`);
    const ranges = JSON.parse(await readFile(`${from}/unicode.json`, 'utf8'));
    for (const subset of subsets === 'all' ? Object.keys(ranges) : subsets)
      for (const weight of weights) {
        const file = `${family}-${subset.replace(/[[\]]/g, '')}-${weight}-normal.${format}`;
        await cp(`${from}/files/${file}`, `${target}/${family}/files/${file}`);
      }
  }
}
