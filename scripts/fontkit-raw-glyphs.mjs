// esbuild plugin for the bundles that contain fontkit (the CLI's record worker, the app's main process).
// When pdfkit ends a document it embeds a subset of each TrueType font, and fontkit's subsetter decodes every
// glyph it copies (TTFGlyph._decode: the whole outline, point by point) only to learn whether the glyph is a
// composite, whose component glyph ids it renumbers; a simple glyph's bytes are then copied as they are. That
// decoding was ~5 of the ~25 ms the record worker spends after the ceremony closes. A glyph's first field,
// numberOfContours (int16, negative for a composite glyph: OpenType 'glyf' table), says as much, so the patched
// subsetter decodes composite glyphs only (and, as before, every glyph of a variable font, whose outline it
// re-encodes). fontkit is pinned in package.json; a fontkit whose code no longer reads as expected fails the
// build instead of silently losing the patch.
import { readFile } from 'node:fs/promises';

const NAME = 'fontkit-raw-glyphs';
const DECODE = '        let glyf = glyph._decode();\n';
const READ = '        let buffer = stream.readBuffer(nextOffset - curOffset);\n';
const DECODE_IF_NEEDED =
  '        let glyf = buffer.length >= 2 && (buffer[0] & 0x80) !== 0 || this.font._variationProcessor ? glyph._decode() : null;\n';

/** fontkit's source with the subsetter's _addGlyph patched; throws unless each edit applies exactly once. */
export function patchFontkit(source, file) {
  const at = source.indexOf('    _addGlyph(gid) {\n');
  const end = source.indexOf('    encode() {', at);
  const body = at < 0 || end < 0 ? '' : source.slice(at, end);
  if (
    body.split(DECODE).length !== 2 ||
    body.split(READ).length !== 2 ||
    body.indexOf(DECODE) > body.indexOf(READ)
  ) {
    throw new Error(
      `${NAME}: ${file} does not read as fontkit 2.0.4's TTFSubset._addGlyph; update the plugin`,
    );
  }
  return (
    source.slice(0, at) + body.replace(DECODE, '').replace(READ, READ + DECODE_IF_NEEDED) + source.slice(end)
  );
}

export const fontkitRawGlyphs = {
  name: NAME,
  setup(build) {
    build.onLoad(
      { filter: /[\\/]node_modules[\\/]fontkit[\\/]dist[\\/](module\.mjs|main\.cjs)$/ },
      async (args) => ({
        contents: patchFontkit(await readFile(args.path, 'utf8'), args.path),
        loader: 'js',
      }),
    );
  },
};
