import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { normaliseFile } from '../../core/bundles';
import { AppError } from '../../core/errors';
import { verifyTranscript } from '../../core/transcript';
import type { Command } from '../command';
import { formatHash } from '../../shared/display/hash-format';

const usage = `Usage: kms-ceremony verify-transcript <file> [--public-key <station key.pem>]... [--expect-events <N>] [--json]

Checks a ceremony transcript (JSON Lines): every event's Ed25519 signature, the SHA-256 chain, the sequence,
and any offline segment merged into it. Prints "intact: N events", or the first modified, deleted, inserted
or reordered event, or a torn last line.

  --public-key <file>   a station public key (ceremony-station-ed25519.pub.pem) to trust; repeat for the
                        online and the offline station. Without it, signatures are checked against the key
                        the transcript itself publishes (consistency, not authenticity).
  --expect-events <N>   the number of events recorded elsewhere (e.g. the ceremony record): detects a
                        transcript cut short at its end.
  --json                machine-readable result.

Exit code: 0 intact, 1 not intact, 2 usage error.`;

export const verifyTranscriptCommand: Command = {
  name: 'verify-transcript',
  summary: 'Verify a ceremony transcript (signatures, hash chain, order)',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          'public-key': { type: 'string', multiple: true },
          'expect-events': { type: 'string' },
          json: { type: 'boolean' },
        },
      });
    } catch (error) {
      throw new AppError('USAGE', (error as Error).message, usage);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new AppError('USAGE', 'Give exactly one transcript file.', usage);
    const expectEvents = values['expect-events'] === undefined ? undefined : Number(values['expect-events']);
    if (expectEvents !== undefined && (!Number.isInteger(expectEvents) || expectEvents < 1)) {
      throw new AppError(
        'USAGE',
        `--expect-events must be a positive whole number, not "${values['expect-events']}".`,
        usage,
      );
    }
    const file = positionals[0] as string;
    // A transcript copied through a Windows host may come back as CRLF or UTF-16: verify the content, and
    // say so, rather than report every line as modified.
    const normalised = normaliseFile(await readOrExplain(file, 'transcript'), 'text');
    const text = normalised.bytes.toString('utf8');
    const notes = normalised.fixes.map(
      (f) =>
        `note: ${f.what} before verifying (${f.before.size} → ${f.after.size} bytes, ${formatHash(f.before.sha256)} → ${formatHash(f.after.sha256)})`,
    );
    const trustedKeys = await Promise.all(
      (values['public-key'] ?? []).map((k) => readOrExplain(k, 'station public key')),
    );
    const result = verifyTranscript(text, {
      ...(trustedKeys.length > 0 ? { trustedKeys } : {}),
      ...(expectEvents !== undefined ? { expectedHead: { events: expectEvents } } : {}),
    });

    if (values.json) {
      io.stdout(JSON.stringify({ ...result, fixes: normalised.fixes }, null, 2));
      return result.intact ? 0 : 1;
    }
    for (const note of notes) io.stdout(note);
    if (!result.intact) {
      io.stdout(`NOT INTACT: event ${result.firstBadEvent}: ${result.problem}`);
      io.stdout(result.message);
      io.stdout(`Events 1–${result.intactEvents} verified before the problem.`);
      return 1;
    }
    io.stdout(result.message);
    io.stdout(
      `ceremony ${result.ceremonyId}, ${result.station} station, station key ${formatHash(result.stationKeyId)}`,
    );
    io.stdout(
      `head ${formatHash(result.headHash)}${result.complete ? ' (ceremony closed)' : ' (ceremony not closed: in progress or interrupted)'}`,
    );
    for (const s of result.segments) {
      io.stdout(
        `merged ${s.station} segment in event ${s.carriedBy}: intact: ${s.events} events, station key ${formatHash(s.stationKeyId)}`,
      );
    }
    if (!result.trusted) {
      io.stdout(
        'warning: no --public-key given; signatures were checked against the key published in event 1 only.',
      );
    }
    return 0;
  },
};

async function readOrExplain(file: string, what: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new AppError(
      'NOT_FOUND',
      `Cannot read the ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check the path.',
    );
  }
}
