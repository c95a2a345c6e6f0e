/**
 * A `kms-ceremony` sub-command: one file under `commands/`, listed (with its summary) in `commands/index.ts`.
 * Import heavy modules (the AWS SDK, the emulator) inside `run`, so `--help` and light commands stay fast.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  usage: string;
  /** Returns the process exit code. Throw AppError for user errors: main prints message + hint to stderr. */
  run(args: string[], io: CliIo): Promise<number>;
}
