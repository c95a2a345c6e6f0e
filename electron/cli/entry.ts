/**
 * Process entry of the compiled `kms-ceremony` CLI (scripts/cli-build.mjs bundles this file).
 * The AWS SDK warns on every start under Node < 22 that SDK releases after January 2027 will need Node 22.
 * It is about future SDK updates, not about this program, and it would be printed amid a ceremony's output
 * on every run; we pin the SDK and test on Node 20, so our own CLI silences it. A user's own setting wins.
 */
import { raiseInterruptBudget } from './interrupt-budget';
import { main } from './main';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `run` raises V8's interrupt budget itself once its bundles are loaded; the emulator runs for hours.
if (process.argv[2] !== 'run' && process.argv[2] !== 'emulator') raiseInterruptBudget();
const code = await main(process.argv.slice(2));
// The command is done and has closed what it opened: exit once stdout and stderr are flushed (a pipe may
// still hold output) instead of waiting for Node to tear the heap and any worker down (~50–100 ms).
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', done))));
process.exit(code);
