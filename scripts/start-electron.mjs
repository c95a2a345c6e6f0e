// `npm start`: launch the built app with the Electron binary (downloaded on first use where a network exists).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electron;
try {
  electron = require('electron');
} catch (error) {
  console.error(`The Electron binary is not available: ${error.message}`);
  console.error('On a machine with network access, run `npm ci` again; or set ELECTRON_OVERRIDE_DIST_PATH.');
  process.exit(1);
}
const child = spawn(electron, ['out/main/index.cjs', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
