import { writeNewFile } from '../../core/bundles/safe-write';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors';
import type { Command } from '../command';

const FORMATS = ['table', 'json', 'csv', 'ics'] as const;
type Format = (typeof FORMATS)[number];

const usage = `Usage: kms-ceremony expiry --regions <r1,r2,…> [--profile <name>[,<name>…]]... [--format table|json|csv|ics]
                          [--out <file>] [--data-dir <station folder>] [--emulator <http://127.0.0.1:PORT>]

Lists the EXTERNAL keys of every named Region (and AWS profile) with each key material's expiry, soonest
first, with warnings at 90, 30 and 7 days and keys whose material is already missing. Read-only: it only
lists and describes keys (ListKeys, ListAliases, DescribeKey, ListKeyRotations).
  --regions     Regions to list, comma-separated or repeated
  --profile     AWS profiles to use, comma-separated or repeated (default: environment credentials)
  --format      table (default), json, csv, or ics: an iCalendar file with an event at each ValidTo and
                reminders 90, 30, 7 and 1 day ahead, for the officers' calendars
  --out         write to this file instead of standard output
  --data-dir    this station's folder (as for \`run\`): its transcripts say which keys have a backup
  --emulator    list a local KMS emulator instead of AWS

A Region that cannot be listed (no permission, not enabled, unreachable) is reported and the others are
still listed. Exit code: 0 every Region listed, 1 some Region could not be listed, 2 usage error.`;

const OPTIONS = {
  regions: { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
  format: { type: 'string' },
  out: { type: 'string' },
  'data-dir': { type: 'string' },
  emulator: { type: 'string' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new AppError('USAGE', (error as Error).message, usage);
  }
}

export const expiryCommand: Command = {
  name: 'expiry',
  usage,
  async run(args, io) {
    const values = parse(args);
    const format = (values.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) {
      throw new AppError('USAGE', `Unknown --format "${values.format}".`, `One of: ${FORMATS.join(', ')}.`);
    }
    if (values.emulator && values.profile) {
      throw new AppError(
        'USAGE',
        '--emulator and --profile cannot be combined.',
        'List the emulator or AWS, not both.',
      );
    }
    const { regionList, awsSources, emulatorSources } = await import('../../core/lifecycle/planner-sources');
    const regions = regionList(values.regions ?? []);
    const profiles = values.profile
      ? [...new Set(values.profile.flatMap((p) => p.split(',')).map((p) => p.trim()))]
      : [null];
    const sources = values.emulator
      ? emulatorSources(values.emulator, regions)
      : awsSources(profiles, regions);
    const { planExpiry } = await import('../../core/lifecycle/expiry-planner');
    const { keysWithBackup } = await import('../../core/lifecycle/backup-records');
    const dataDir = values['data-dir'];
    const plan = await planExpiry(sources, {
      ...(dataDir
        ? { backedUpKeyIds: await keysWithBackup(path.join(path.resolve(dataDir), 'transcripts')) }
        : {}),
    });
    const formats = await import('../../core/lifecycle/expiry-formats');
    const text =
      format === 'ics'
        ? (await import('../../core/lifecycle/expiry-calendar')).expiryCalendar(plan)
        : format === 'json'
          ? formats.expiryJson(plan)
          : format === 'csv'
            ? formats.expiryCsv(plan)
            : formats.expiryTable(plan);
    if (values.out) {
      await writeNewFile(values.out, Buffer.from(text, 'utf8')); // never overwrites a file
      io.stdout(
        `Wrote ${plan.entries.length} key material(s) from ${regions.length} Region(s) to ${values.out}.`,
      );
    } else {
      io.stdout(text.replace(/\r?\n$/, ''));
    }
    const failed = plan.regions.filter((r) => r.status === 'failed');
    // The table on the terminal already ends with these lines; a file or another format does not show them.
    for (const r of format === 'table' && !values.out ? [] : failed) {
      io.stderr(
        `Not listed: ${r.region}${r.profile ? ` (profile ${r.profile})` : ''}: ${r.message ?? ''} ${r.hint ?? ''}`.trimEnd(),
      );
    }
    return failed.length > 0 ? 1 : 0;
  },
};
