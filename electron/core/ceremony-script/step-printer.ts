/** One line per step as the run goes: result, what (the transcript's action name), and its evidence. */
import { toErrorShape } from '../errors';

export class StepPrinter {
  /** Called after each step that succeeded, once its line is printed (run.ts: the record worker's draft). */
  afterStep: (() => void) | null = null;

  constructor(readonly print: (line: string) => void) {}

  line(result: 'ok' | 'FAIL' | 'note' | 'would' | 'skip', what: string, detail: string): void {
    this.print(`  ${result.padEnd(5)} ${what.padEnd(21)} ${detail}`);
  }

  /** Runs `fn`, prints its outcome (the error message when it throws), and passes both on. */
  async step<T>(what: string, fn: () => Promise<T> | T, describe: (value: T) => string): Promise<T> {
    let value: T;
    try {
      value = await fn();
    } catch (error) {
      this.line('FAIL', what, toErrorShape(error).message);
      throw error;
    }
    this.line('ok', what, describe(value));
    this.afterStep?.();
    return value;
  }
}
