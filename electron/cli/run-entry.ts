/**
 * Process entry of a compiled `kms-ceremony run` (built as run-entry.cjs, a plain CommonJS file that
 * bin/kms-ceremony.cjs requires for `run`): the same command as through entry.ts and main.ts, without
 * loading their ES module chunks (Node 20 compiles an ES module afresh on every start, with no code cache:
 * ~15 ms of a scripted ceremony on our 2-core machines).
 */
import { exitWhenFlushed, prepareCliProcess } from './cli-process';
import { loadCompiledRun } from './commands/load-run';
import { defaultIo, execute } from './execute';
import { AppError } from '../core/errors';

prepareCliProcess();
const load = async () => {
  const command = loadCompiledRun();
  // run-entry.cjs is built beside run.cjs, so this is only a build folder that was changed by hand.
  if (!command)
    throw new AppError(
      'BUILD_INCOMPLETE',
      'run.cjs is missing beside run-entry.cjs.',
      'Delete the build/cli folder of this checkout: the next start builds the CLI again.',
    );
  return command;
};
void execute(load, process.argv.slice(3), defaultIo).then(exitWhenFlushed);
