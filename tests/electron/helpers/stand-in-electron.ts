/**
 * A stand-in Electron distribution for offline packaging tests: the Linux file layout electron-builder copies
 * (`electronDist`), and an `electron` executable that carries the fuse wire of the Electron version we pin.
 * It cannot run Chromium; it lets electron-builder, the afterPack hook and `@electron/fuses` do their real work.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fuse wire header: the sentinel Electron compiles into its binary (docs/tutorial/fuses.md, "The hard way"). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * The fuse schema of Electron 45 (`build/fuses/fuses.json5` at tag v45.5.0): index, name, shipped default.
 * Sources: electron/electron build/fuses/fuses.json5 (schema version 1, eight fuses from run_as_node to
 * grant_file_protocol_extra_privileges) plus `wasm_trap_handlers: "1"`, added by electron/electron#48983 and
 * shipped since Electron 43 ("Default: Enabled" in docs/tutorial/fuses.md). The deviceBoundSessions fuse
 * (electron/electron#54074, it would be index 9) is not in any 45.x release.
 */
export const ELECTRON_45_FUSES = [
  { index: 0, name: 'run_as_node', shipped: '1' },
  { index: 1, name: 'cookie_encryption', shipped: '0' },
  { index: 2, name: 'node_options', shipped: '1' },
  { index: 3, name: 'node_cli_inspect', shipped: '1' },
  { index: 4, name: 'embedded_asar_integrity_validation', shipped: '0' },
  { index: 5, name: 'only_load_app_from_asar', shipped: '0' },
  { index: 6, name: 'load_browser_process_specific_v8_snapshot', shipped: '0' },
  { index: 7, name: 'grant_file_protocol_extra_privileges', shipped: '1' },
  { index: 8, name: 'wasm_trap_handlers', shipped: '1' },
] as const;
export const FUSE_SCHEMA_VERSION = 1;
/** The Electron major whose schema `ELECTRON_45_FUSES` records: bumping Electron means re-reading fuses.json5. */
export const FUSE_SCHEMA_ELECTRON_MAJOR = 45;

/** Bytes of a binary holding one fuse wire: sentinel, version byte, length byte, one ASCII '0'/'1' per fuse. */
export function fuseWireBytes(fuses: readonly { shipped: string }[] = ELECTRON_45_FUSES): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF stand-in for Electron: no Chromium inside\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_SCHEMA_VERSION, fuses.length]),
    Buffer.from(fuses.map((f) => f.shipped).join(''), 'latin1'),
    Buffer.from('\ntrailing bytes of the binary\n'),
  ]);
}

/**
 * Writes the Linux layout of an unpacked `electron-v<version>-linux-x64.zip` under `dir` and returns `dir`:
 * `electron` (0755, with the fuse wire), `resources/`, `locales/en-US.pak`, `LICENSE`, `LICENSES.chromium.html`,
 * `version`, `chrome-sandbox`. Only `electron` and `resources/` are required by electron-builder. The real zip's
 * `resources/default_app.asar` is left out: electron-builder deletes it after unpacking a downloaded zip (what
 * `npm run dist` does) but ships whatever a custom `electronDist` folder holds.
 */
export function writeStandInElectronDist(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(join(dir, 'electron'), fuseWireBytes());
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), 'stand-in\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in\n');
  writeFileSync(join(dir, 'LICENSE'), 'Electron stand-in: MIT\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  writeFileSync(join(dir, 'version'), `${version}\n`);
  return dir;
}

/**
 * What every fuse must read back as in a release build, by schema index ('0' off, '1' on). Stated here apart
 * from scripts/after-pack.cjs so a fuse flipped the wrong way there fails the packaging tests.
 */
export const RELEASE_FUSE_WIRE = {
  run_as_node: '0',
  cookie_encryption: '1',
  node_options: '0',
  node_cli_inspect: '0',
  embedded_asar_integrity_validation: '1',
  only_load_app_from_asar: '1',
  load_browser_process_specific_v8_snapshot: '0',
  grant_file_protocol_extra_privileges: '0',
  wasm_trap_handlers: '1',
} as const satisfies Record<(typeof ELECTRON_45_FUSES)[number]['name'], '0' | '1'>;

/** `getCurrentFuseWire`'s result (index → byte) as name → '0' | '1' | 'r' | …, for readable assertions. */
export function namedWire(wire: Record<string | number, unknown>): Record<string, string> {
  return Object.fromEntries(
    ELECTRON_45_FUSES.map(({ index, name }) => [name, String.fromCharCode(Number(wire[index]))]),
  );
}
