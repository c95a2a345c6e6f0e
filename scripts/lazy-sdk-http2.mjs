// esbuild plugin for the bundles that contain the AWS SDK's HTTP handler (@smithy/node-http-handler: the
// CLI's `run`, the app's main process). The handler requires node:http2 when it loads, for its HTTP/2
// handler, which the KMS and STS clients never use: 5–9 ms of CPU on every start of `kms-ceremony run`.
// (node:https it needs anyway: it makes an https.Agent whenever a client is configured.) The handler's
// import resolves to a stand-in that loads the real module on first use of one of its properties;
// `http2.constants`, which the handler reads as it loads, is such a stand-in itself.
const NAMESPACE = 'lazy-sdk-http2';

export const lazySdkHttp2 = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^node:http2$/ }, (args) =>
      /[\\/]node_modules[\\/]@smithy[\\/]node-http-handler[\\/]/.test(args.importer)
        ? { path: args.path, namespace: NAMESPACE, pluginData: { esm: args.kind === 'import-statement' } }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: [
        `let real;`,
        `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        // Plain objects as targets: a proxy's traps are checked against its target, which must not load.
        `const lazy = (target, own = {}) => new Proxy({}, {`,
        `  get: (_, key) => (key in own ? own[key] : Reflect.get(target(), key)),`,
        `  has: (_, key) => key in own || Reflect.has(target(), key),`,
        `  ownKeys: () => Reflect.ownKeys(target()),`,
        `  getOwnPropertyDescriptor: (_, key) => {`,
        `    const d = Reflect.getOwnPropertyDescriptor(target(), key);`,
        `    return d && { ...d, configurable: true };`,
        `  },`,
        `});`,
        `const http2 = lazy(load, { constants: lazy(() => load().constants) });`,
        // The handler's ES modules (run.cjs is built from them) import the module's default export; as
        // CommonJS, esbuild's interop would list the stand-in's keys, which loads the real module.
        args.pluginData?.esm ? `export default http2;` : `module.exports = http2;`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};
