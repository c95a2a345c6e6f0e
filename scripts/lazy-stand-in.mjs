// What scripts/lazy-pdfkit-aes.mjs and lazy-fontkit-brotli.mjs share: an esbuild plugin that resolves an
// import matching `filter`, made from a package file matching `importer`, to a stand-in module written by
// `contents(realPath)` (a JSON string literal), while the real module stays in the bundle for the stand-in
// to require on first use. Imports from elsewhere resolve as usual.
import path from 'node:path';

export function lazyStandIn({ name, filter, importer, contents }) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.real || !importer.test(args.importer)) return undefined;
        const real = await build.resolve(args.path, {
          kind: 'require-call',
          resolveDir: args.resolveDir,
          pluginData: { real: true },
        });
        if (real.errors.length > 0) return { errors: real.errors };
        // A fixed name, not the real path: the bundle names its modules, and the build machine's folders must
        // not end up in it (nor in the code-cache key derived from it).
        return { path: name.replace(/^lazy-/, ''), namespace: name, pluginData: { real: real.path } };
      });
      build.onLoad({ filter: /.*/, namespace: name }, (args) => ({
        contents: contents(JSON.stringify(args.pluginData.real)),
        // esbuild resolves nothing from a virtual module without one, not even an absolute path.
        resolveDir: path.dirname(args.pluginData.real),
        loader: 'js',
      }));
    },
  };
}
