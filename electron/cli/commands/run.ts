import { readFile } from 'node:fs/promises';
import { AppError } from '../../core/errors';
import type { Command } from '../command';
import { parseCommandArgs } from '../crypto-cli';

const usage = `Usage: kms-ceremony run <ceremony.yaml|json> [--data-dir <dir>] [--dry-run] [--fresh]
                       [--until parameters | --from wrapped-bundle <dir>] [--public-key <other station .pub.pem>]...

Runs a declared ceremony (target, key, wrapping, material, expiration, output) through the same core as the
app, one line per step, and writes the same signed transcript. See electron/core/ceremony-script/README.md.
  --data-dir <dir>              this station's folder: station key, transcripts, saved import parameters
                                (default: the script's output folder)
  --dry-run                     check the whole script (files, material, compatibility, expiry window,
                                bundles) without calling KMS or writing anything
  --fresh                       with target: { emulator: {} } (an embedded emulator, its data in kms-emulator/
                                beside the output folder, kept between runs): start it over, empty
  --until parameters            online station: stop at the air gap after writing the parameters bundle
                                (the import token stays in <data-dir>/pending/)
  --from wrapped-bundle <dir>   online station: resume the ceremony with the offline station's wrapped bundle
  --public-key <file>           the other station's public key, pinned when verifying the final transcript

Exit code: 0 done (or dry run passed), 1 a step or check failed, 2 usage error.`;

/** `--from wrapped-bundle <dir>` takes two words; lift them out before parseArgs sees the rest. */
function liftFrom(args: string[]): { rest: string[]; from: string | null } {
  const at = args.findIndex((a) => a === '--from' || a.startsWith('--from='));
  if (at < 0) return { rest: args, from: null };
  const inline = args[at]!.startsWith('--from=') ? args[at]!.slice('--from='.length) : null;
  const kind = inline ?? args[at + 1];
  const dir = inline === null ? args[at + 2] : args[at + 1];
  if (kind !== 'wrapped-bundle' || !dir || dir.startsWith('--')) {
    throw new AppError('USAGE', 'Write --from wrapped-bundle <the …-wrapped folder or zip>.', usage);
  }
  const rest = [...args.slice(0, at), ...args.slice(at + (inline === null ? 3 : 2))];
  return { rest, from: dir };
}

export const runCommand: Command = {
  name: 'run',
  usage,
  async run(args, io) {
    const { rest, from } = liftFrom(args);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        'data-dir': { type: 'string' },
        'dry-run': { type: 'boolean' },
        fresh: { type: 'boolean' },
        until: { type: 'string' },
        'public-key': { type: 'string', multiple: true },
      },
      usage,
      true,
    );
    if (positionals.length !== 1) throw new AppError('USAGE', 'Give exactly one ceremony script.', usage);
    if (values.until !== undefined && values.until !== 'parameters') {
      throw new AppError(
        'USAGE',
        `--until ${String(values.until)}: the only stop is --until parameters.`,
        usage,
      );
    }
    if (values.until !== undefined && from !== null) {
      throw new AppError(
        'USAGE',
        '--until parameters and --from wrapped-bundle are the two halves; give one.',
        usage,
      );
    }
    const keyFiles = (values['public-key'] as string[] | undefined) ?? [];
    const otherStationKeys = await Promise.all(
      keyFiles.map((file) =>
        readFile(file, 'utf8').catch(() => {
          throw new AppError('NOT_FOUND', `Cannot read the station public key ${file}.`, 'Check the path.');
        }),
      ),
    );
    // The record worker (started by commands/index.ts) is of no use to a run that draws no record.
    if (values['dry-run'] === true || values.until !== undefined) {
      void (await import('../../core/record/record-pdf-thread')).stopRecordPdfThread();
    }
    const { runCeremonyScript } = await import('../../core/ceremony-script/run');
    await runCeremonyScript({
      scriptPath: positionals[0]!,
      dataDir: (values['data-dir'] as string | undefined) ?? null,
      dryRun: values['dry-run'] === true,
      freshEmulator: values.fresh === true,
      until: values.until === 'parameters' ? 'parameters' : null,
      fromWrappedBundle: from,
      otherStationKeys,
      print: (line) => io.stdout(line),
    });
    return 0;
  },
};
