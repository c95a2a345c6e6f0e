/**
 * V8's JIT tiers for a CLI process, which lives about a second: the interrupt budget raised 15×, and neither
 * Sparkplug (baseline code) nor TurboFan (optimised code) compiling anything more. At V8's defaults TurboFan
 * optimises dozens of functions that then run only a few more times, and both compilers write code into
 * fresh pages (~11 µs per page touched on our VMs), on the cores that the ceremony, its record worker and
 * the emulator share. Measured on a 2-core machine (bench:ceremony, ECC ceremony, alternating pairs):
 * - the raised budget alone: ~7 % faster (without it a run took 1.19× the wall time in December 2026);
 * - then Sparkplug and TurboFan off: 0.976× the wall time and 0.955× the CPU time (60 pairs; 0.95–0.96×
 *   in two runs of 40). A PKCS#12 file of 200 000 iterations (node-forge, pure JavaScript) takes as long
 *   either way (~26–34 s).
 * Not when the user set any of these flags; Node 20 only (other V8s tier differently and print an error
 * for a flag they do not know). The standalone emulator (`kms-ceremony emulator`, up for hours) never
 * changes them (cli/entry.ts); `run`'s embedded emulator lives only as long as its run.
 *
 * The cost of changing any V8 flag: V8 then refuses every code cache made under the old flags — Node's own
 * for its built-in modules (a worker thread's bootstrap compiles ~125 of them: ~80 ms instead of ~35 ms)
 * and ours (code-cache.ts) when it was made under other flags. So `run` changes them only once its bundles
 * are loaded (commands/load-run.ts), and only when both came from their caches: a cache still to be written
 * (at exit, or once the worker is warm) must be written under the flags it will be read under.
 */
import v8 from 'node:v8';

/** The flags set, in one call (a test checks them). */
export const CLI_V8_FLAGS = '--interrupt-budget=1000000 --no-sparkplug --no-turbofan';
const USER_SET = /--(no-)?(interrupt-budget|sparkplug|turbofan|opt)\b/;

let limited = false;

/** Sets CLI_V8_FLAGS once per process, unless the user set any of them or this is not Node 20. */
export function limitV8Tiers(): void {
  if (limited) return;
  limited = true;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (process.versions.node.startsWith('20.') && !USER_SET.test(flags)) v8.setFlagsFromString(CLI_V8_FLAGS);
}
