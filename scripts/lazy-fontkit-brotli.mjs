// esbuild plugin for the bundles that contain fontkit (the CLI's record worker, the app's main process).
// fontkit imports brotli's decoder at its top, for WOFF2 fonts, which the record never embeds (font-faces.json
// names WOFF files only), and evaluating that decoder builds brotli's 122 KB static dictionary from an array
// literal of 122,784 numbers: in the record worker's V8 code cache that literal took 1.0 of 1.75 MB, read
// and deserialised on every start of the worker. fontkit's import resolves to a stand-in that loads the real
// decoder (bundled, not evaluated) on its first call, so a WOFF2 font still loads.
import { lazyStandIn } from './lazy-stand-in.mjs';

export const lazyFontkitBrotli = lazyStandIn({
  name: 'lazy-fontkit-brotli',
  filter: /^brotli\/decompress(\.js)?$/,
  importer: /[\\/]node_modules[\\/]fontkit[\\/]/,
  contents: (real) => `let real;\nmodule.exports = (...a) => (real ??= require(${real}))(...a);`,
});
