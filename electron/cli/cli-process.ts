/**
 * What every process of the compiled CLI does first and last (entry.ts, run-entry.ts).
 * The AWS SDK warns on every start under Node < 22 that SDK releases after January 2027 will need Node 22.
 * It is about future SDK updates, not about this program, and it would be printed amid a ceremony's output
 * on every run; we pin the SDK and test on Node 20, so our own CLI silences it. A user's own setting wins.
 */
export function prepareCliProcess(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * The command is done and has closed what it opened: exits with `code` once stdout and stderr are flushed
 * (a pipe may still hold output) instead of waiting for Node to tear the heap and any worker down (~50–100 ms).
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', done))));
  process.exit(code);
}
