/**
 * V8's interrupt budget for a CLI process. A command lives about a second. At V8's default budget TurboFan
 * optimises dozens of functions that then run only a few more times, on a core that the ceremony, its record
 * worker and the emulator share (2-core machine: bench:ceremony ~7 % faster at 15× the budget; without it a
 * run took 1.19× the wall time in December 2026). Hot loops are still optimised, later. Not over a budget the user set; Node 20 only
 * (other V8s tier differently and print an error for a flag they do not know).
 *
 * The cost of changing any V8 flag: V8 then refuses every code cache made under the old flags — Node's own
 * for its built-in modules (a worker thread's bootstrap compiles ~125 of them: ~80 ms instead of ~35 ms)
 * and ours (code-cache.ts) when it was made under other flags. So `run` raises it only once its bundles
 * are loaded (commands/index.ts), and only when both came from their caches: a cache still to be written
 * (at exit, or once the worker is warm) must be written under the flags it will be read under.
 */
import v8 from 'node:v8';

let raised = false;

/** Raises the budget once per process, unless the user set one or this is not Node 20. */
export function raiseInterruptBudget(): void {
  if (raised) return;
  raised = true;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (process.versions.node.startsWith('20.') && !flags.includes('--interrupt-budget'))
    v8.setFlagsFromString('--interrupt-budget=1000000');
}
