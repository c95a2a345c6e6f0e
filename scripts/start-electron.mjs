// `npm start`: launch the built app with the Electron binary. The `electron` package fetches its binary on
// first use; where that cannot happen (no network, ELECTRON_SKIP_BINARY_DOWNLOAD) we say so in one paragraph
// — what is missing, how to get it, and how to rehearse without the window — instead of a download stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('electron/package.json'));
const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;

/** The Electron executable if installed; never triggers the `electron` package's own download. */
function electronBinary() {
  if (override) {
    const exe = path.join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(exe) ? exe : null;
  }
  const pathTxt = path.join(pkgDir, 'path.txt');
  const exe = existsSync(pathTxt) && path.join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return exe && existsSync(exe) ? exe : null;
}

let electron = electronBinary();
if (!electron && !override && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(`Fetching the Electron ${version} binary (first start only)…`);
  spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'ignore', cwd: pkgDir });
  electron = electronBinary();
}
if (!electron) {
  const why = override
    ? `ELECTRON_OVERRIDE_DIST_PATH=${override} holds no electron executable`
    : process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
      ? 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded'
      : 'downloading it from its release server failed: no network access here?';
  console.error(
    [
      `KMS Key Ceremony cannot open its window: the Electron ${version} runtime is not installed (${why}).`,
      'On a machine with network access, run `npm ci` then `npm start` again: the binary is fetched once and kept',
      `in node_modules/electron/dist. Or unpack an Electron ${version} build for this platform anywhere and point`,
      'ELECTRON_OVERRIDE_DIST_PATH at that folder. Without the desktop window you can still rehearse a whole',
      'ceremony against the embedded KMS emulator: `npx kms-ceremony run examples/symmetric-rehearsal.yaml`.',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(electron, ['out/main/index.cjs', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
