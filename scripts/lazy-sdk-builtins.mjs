// esbuild plugin for the bundles that contain the AWS SDK's HTTP handler (@smithy/node-http-handler: the
// CLI's `run`, the app's main process). The handler requires two Node built-ins when it loads that a
// ceremony often never uses, and each import resolves to a stand-in that loads the real module on first use
// of one of its properties:
//   - node:http2, for its HTTP/2 handler, which the KMS and STS clients never use: 5–9 ms of CPU on every
//     start of `kms-ceremony run`. `http2.constants`, which the handler reads as it loads, is a stand-in too.
//   - node:https (and with it tls), for an https.Agent it makes when a client is configured: ~8 ms and
//     ~0.3 MB of heap on every start, although a rehearsal against the emulator is plain HTTP on loopback.
//     The gateway gives such a client an agent of its own (electron/core/kms/sdk-clients.ts), and
//     `https.Agent` is a class of the stand-in's that answers `instanceof` without loading https: an
//     https.Agent is an http.Agent (lib/https.js), so nothing else can be one. `new Agent()` makes the real one.
const NAMESPACE = 'lazy-sdk-builtins';

const STAND_INS = {
  'node:http2': `const http2 = lazy(load, { constants: lazy(() => load().constants) });`,
  'node:https': [
    `class Agent {`,
    `  static [Symbol.hasInstance](x) {`,
    `    return typeof x === 'object' && x !== null && x instanceof require('node:http').Agent && x instanceof load().Agent;`,
    `  }`,
    `  constructor(options) { return new (load().Agent)(options); }`,
    `}`,
    `const https = lazy(load, { Agent });`,
  ].join('\n'),
};

export const lazySdkBuiltins = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^node:(http2|https)$/ }, (args) =>
      /[\\/]node_modules[\\/]@smithy[\\/]node-http-handler[\\/]/.test(args.importer)
        ? { path: args.path, namespace: NAMESPACE, pluginData: { esm: args.kind === 'import-statement' } }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      const name = args.path.slice('node:'.length);
      return {
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
          STAND_INS[args.path],
          // The handler's ES modules (run.cjs is built from them) import the module's default export; as
          // CommonJS, esbuild's interop would list the stand-in's keys, which loads the real module.
          args.pluginData?.esm ? `export default ${name};` : `module.exports = ${name};`,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};
