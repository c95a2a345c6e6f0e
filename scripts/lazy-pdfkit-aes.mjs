// esbuild plugin for every bundle that contains pdfkit (the CLI's record worker, the app's main process).
// pdfkit imports @noble/ciphers/aes only to write password-protected PDFs, which we never do, and loading
// that module builds its AES lookup tables: ~30 ms of CPU, measured in the record worker's warm-up, on a
// core the ceremony's own thread shares. pdfkit's import resolves to a stand-in whose cbc/ecb load the
// real module on first call, so an encrypted PDF would still work, only without the cost up front.
import path from 'node:path';

const NAMESPACE = 'lazy-pdfkit-aes';

export const lazyPdfkitAes = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, async (args) => {
      if (args.pluginData?.real || !/[\\/]pdfkit[\\/]/.test(args.importer)) return undefined;
      const real = await build.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        pluginData: { real: true },
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: [
        `let real;`,
        `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        `export const cbc = (...a) => load().cbc(...a);`,
        `export const ecb = (...a) => load().ecb(...a);`,
      ].join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};
