// esbuild plugin for the bundles that contain fontkit (the CLI's record worker, the app's main process).
// fontkit and unicode-trie (under linebreak and unicode-properties, which pdfkit and fontkit load) inflate
// their Unicode tables and compressed WOFF font tables with tiny-inflate, raw DEFLATE (RFC 1951) decoded in
// JavaScript: ~25 ms of CPU on every start of the record worker, in code too cold to be optimised, on a core
// the ceremony's own thread shares. The same format through Node's zlib takes well under a millisecond.
// `tiny-inflate` resolves to a stand-in with its contract: inflate(source, dest) decodes into dest and
// returns dest, or dest.slice(0, n) when the data fills only n bytes; output past dest's end is dropped.
const NAMESPACE = 'native-inflate';

export const nativeInflate = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
      contents: [
        `const { inflateRawSync } = require('node:zlib');`,
        `module.exports = function inflate(source, dest) {`,
        `  const out = inflateRawSync(source);`,
        `  const n = Math.min(out.length, dest.length);`,
        `  dest.set(out.subarray(0, n));`,
        `  return n < dest.length ? dest.slice(0, n) : dest;`,
        `};`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};
