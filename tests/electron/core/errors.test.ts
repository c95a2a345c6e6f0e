/**
 * AppError is recognised by shape (errors.ts): the compiled CLI holds the module twice, and an AppError
 * thrown by one copy must keep its code and hint when the other copy shows it.
 */
import { describe, expect, it } from 'vitest';
import { AppError, toErrorShape } from '../../../electron/core/errors';

/** What the other copy of errors.ts throws: same shape, another class. */
class OtherCopyAppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint = '',
  ) {
    super(message);
    this.name = 'AppError';
  }
}

describe('AppError across copies of the module', () => {
  it('an AppError from another copy is an AppError, and keeps its code and hint', () => {
    const error = new OtherCopyAppError('USAGE', 'Give exactly one ceremony script.', 'See --help.');
    expect(error instanceof AppError).toBe(true);
    expect(toErrorShape(error)).toEqual({
      code: 'USAGE',
      message: 'Give exactly one ceremony script.',
      hint: 'See --help.',
    });
  });

  it('other errors are not AppErrors, even when named so', () => {
    expect(new Error('boom') instanceof AppError).toBe(false);
    const named = Object.assign(new Error('boom'), { name: 'AppError' });
    expect(named instanceof AppError).toBe(false); // no code or hint
    expect({ name: 'AppError', code: 'X', hint: '', message: 'm' } instanceof AppError).toBe(false);
    expect(toErrorShape(new Error('boom')).code).toBe('INTERNAL');
    expect(new AppError('X', 'm') instanceof AppError).toBe(true);
  });
});
