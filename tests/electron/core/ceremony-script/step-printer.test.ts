/** step-printer.ts: one line per step, and the after-step hook (the record worker's draft) only after success. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/errors';
import { StepPrinter } from '../../../../electron/core/ceremony-script/step-printer';

describe('StepPrinter', () => {
  it('prints each step and calls afterStep once the ok line is printed, not after a failure', async () => {
    const lines: string[] = [];
    const steps = new StepPrinter((line) => lines.push(line));
    const after: number[] = [];
    steps.afterStep = () => after.push(lines.length);
    expect(
      await steps.step(
        'key.created',
        () => Promise.resolve('k-1'),
        (k) => `key ${k}`,
      ),
    ).toBe('k-1');
    await expect(
      steps.step(
        'material.imported',
        () => {
          throw new AppError('KMS_ERROR', 'refused');
        },
        () => '',
      ),
    ).rejects.toMatchObject({ code: 'KMS_ERROR' });
    expect(lines).toEqual([
      `  ok    ${'key.created'.padEnd(21)} key k-1`,
      `  FAIL  ${'material.imported'.padEnd(21)} refused`,
    ]);
    expect(after).toEqual([1]);
  });
});
