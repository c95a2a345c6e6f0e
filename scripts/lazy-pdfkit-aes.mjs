// esbuild plugin for the bundles that contain pdfkit (the CLI's record worker, the app's main process; the
// CLI's `run` bundle leaves pdfkit to node_modules, where a record drawn on the ceremony's own thread, a rare
// fallback, still loads it whole). pdfkit imports @noble/ciphers/aes only to write password-protected PDFs,
// which we never do, and loading that module builds its AES lookup tables: ~30 ms of CPU, measured in the
// record worker's warm-up, on a core the ceremony's own thread shares. pdfkit's import resolves to a
// stand-in whose cbc/ecb load the real module (pdfkit's own copy) on first call, so an encrypted PDF would
// still work, only without the cost up front.
import path from 'node:path';

const NAMESPACE = 'lazy-pdfkit-aes';

export const lazyPdfkitAes = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, async (args) => {
      if (args.pluginData?.real || !/[\\/]node_modules[\\/]pdfkit[\\/]/.test(args.importer)) return undefined;
      const real = await build.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        pluginData: { real: true },
      });
      if (real.errors.length > 0) return { errors: real.errors };
      // A fixed name, not the real path: the bundle names its modules, and the build machine's folders must
      // not end up in it (nor in the code-cache key derived from it).
      return { path: 'pdfkit-aes', namespace: NAMESPACE, pluginData: { real: real.path } };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: [
        `let real;`,
        `const load = () => (real ??= require(${JSON.stringify(args.pluginData.real)}));`,
        `export const cbc = (...a) => load().cbc(...a);`,
        `export const ecb = (...a) => load().ecb(...a);`,
      ].join('\n'),
      // esbuild resolves nothing from a virtual module without one, not even an absolute path.
      resolveDir: path.dirname(args.pluginData.real),
      loader: 'js',
    }));
  },
};
