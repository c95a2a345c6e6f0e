// esbuild plugin for the bundles that contain pdfkit (the CLI's record worker, the app's main process; the
// CLI's `run` bundle leaves pdfkit to node_modules, where a record drawn on the ceremony's own thread, a rare
// fallback, still loads it whole). pdfkit imports @noble/ciphers/aes only to write password-protected PDFs,
// which we never do, and loading that module builds its AES lookup tables: ~30 ms of CPU, measured in the
// record worker's warm-up, on a core the ceremony's own thread shares. pdfkit's import resolves to a
// stand-in whose cbc/ecb load the real module (pdfkit's own copy) on first call, so an encrypted PDF would
// still work, only without the cost up front.
import { lazyStandIn } from './lazy-stand-in.mjs';

export const lazyPdfkitAes = lazyStandIn({
  name: 'lazy-pdfkit-aes',
  filter: /^@noble\/ciphers\/aes(\.js)?$/,
  importer: /[\\/]node_modules[\\/]pdfkit[\\/]/,
  contents: (real) =>
    [
      `let real;`,
      `const load = () => (real ??= require(${real}));`,
      `export const cbc = (...a) => load().cbc(...a);`,
      `export const ecb = (...a) => load().ecb(...a);`,
    ].join('\n'),
});
