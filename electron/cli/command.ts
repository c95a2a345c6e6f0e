/** A `kms-ceremony` sub-command: one file under `commands/`, registered in `commands/index.ts`. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Throw AppError for user errors: main prints message + hint to stderr. */
  run(args: string[], io: CliIo): Promise<number>;
}
