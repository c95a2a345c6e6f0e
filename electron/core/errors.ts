/**
 * The one error shape every layer speaks: what happened (`message`, says what was found)
 * and what to do next (`hint`). The IPC layer sends exactly `{ code, message, hint }` to the renderer;
 * the CLI prints message and hint to stderr. Never put secret bytes in either.
 */
export class AppError extends Error {
  /**
   * Recognised by shape, not by class identity: the compiled CLI holds this module twice (its ES module
   * chunks and the run.cjs bundle), and an AppError thrown in one copy must be one to the other — else
   * `kms-ceremony run` printed every refusal as "This is a bug" and a usage error exited 1, not 2.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof Error &&
      value.name === 'AppError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { hint?: unknown }).hint === 'string'
    );
  }

  constructor(
    readonly code: string,
    message: string,
    readonly hint: string = '',
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorShape {
  code: string;
  message: string;
  hint: string;
}

/** Turns anything thrown into the shape the renderer and CLI show; unknown errors keep only their message. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return { code: error.code, message: error.message, hint: error.hint };
  if (isSchemaError(error)) {
    // A schema check deep inside main: name the fields and rules, never dump the values (or the raw JSON).
    const found = error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(value)'}: ${i.message}`)
      .join('; ');
    return {
      code: 'INVALID_VALUE',
      message: `A value was refused by a check in the app: ${found}.`,
      hint: 'Nothing was changed. If you did not type this value, report it as a bug in KMS Key Ceremony.',
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message,
    hint: 'This is a bug in KMS Key Ceremony; nothing was changed. Please report it.',
  };
}

/** A ZodError, recognised by shape so this module stays free of zod. */
function isSchemaError(error: unknown): error is { issues: { path: PropertyKey[]; message: string }[] } {
  return (
    error instanceof Error &&
    error.name === 'ZodError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}
