import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { normaliseFile } from '../../core/bundles';
import { AppError } from '../../core/errors';
import { readRecordedHead, type RecordedHead } from '../../core/record/record-head';
import { verifyTranscript, type TranscriptIntact } from '../../core/transcript';
import type { Command } from '../command';
import { formatHash } from '../../shared/display/hash-format';

const usage = `Usage: kms-ceremony verify-transcript <file> [--public-key <station key.pem>]... [--record <record.json>]
                                     [--expect-events <N>] [--allow-open] [--json]

Checks a ceremony transcript (JSON Lines) byte for byte: every event's Ed25519 signature, the SHA-256 chain,
the sequence, and any offline segment merged into it. Prints "intact: N events", or the first modified,
deleted, inserted or reordered event, or a torn last line.

  --public-key <file>   a station public key (ceremony-station-ed25519.pub.pem) to trust; repeat for the
                        online and the offline station. Without it, signatures are checked against the key
                        the transcript itself publishes (consistency, not authenticity).
  --record <file>       the ceremony record (<ceremony>-record.json) the witnesses signed: the transcript must
                        reach its recorded head (event count and hash), so a transcript cut short at its
                        end is caught.
  --expect-events <N>   the number of events recorded elsewhere: also detects a cut end.
  --allow-open          accept a ceremony that is not closed (no ceremony.completed/aborted as last event).
                        Without it an open ceremony exits 1: it may be in progress, interrupted, or cut.
  --json                machine-readable result.

Exit code: 0 intact (and closed, or --allow-open), 1 not intact or not closed, 2 usage error.`;

export const verifyTranscriptCommand: Command = {
  name: 'verify-transcript',
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
          record: { type: 'string' },
          'allow-open': { type: 'boolean' },
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
    const notes = normalised.fixes.map(
      (f) =>
        `note: ${f.what} before verifying (${f.before.size} → ${f.after.size} bytes, ${formatHash(f.before.sha256)} → ${formatHash(f.after.sha256)})`,
    );
    const trustedKeys = await Promise.all(
      (values['public-key'] ?? []).map((k) => readOrExplain(k, 'station public key')),
    );
    const record = values.record
      ? readRecordedHead(await readOrExplain(values.record, 'ceremony record'), values.record)
      : undefined;
    if (record && expectEvents !== undefined && expectEvents !== record.eventCount) {
      throw new AppError(
        'USAGE',
        `--expect-events ${expectEvents} contradicts the record, which witnessed ${record.eventCount} events.`,
        'Pass one of them.',
      );
    }
    const expectedHead = record
      ? { events: record.eventCount, headHash: record.headHash }
      : expectEvents !== undefined
        ? { events: expectEvents }
        : undefined;
    // The file's bytes, not text decoded from them: an invalid UTF-8 byte is a modified event.
    const result = verifyTranscript(normalised.bytes, {
      ...(trustedKeys.length > 0 ? { trustedKeys } : {}),
      ...(expectedHead ? { expectedHead } : {}),
    });
    const verdict = result.intact
      ? judge(result, record, values['allow-open'] === true)
      : { ok: false, lines: [] };

    if (values.json) {
      io.stdout(JSON.stringify({ ...result, fixes: normalised.fixes, verdict }, null, 2));
      return verdict.ok ? 0 : 1;
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
    for (const line of verdict.lines) io.stdout(line);
    return verdict.ok ? 0 : 1;
  },
};

/**
 * What an intact chain still has to show: that it is the whole ceremony. A chain cut at its end is a valid
 * chain, so only a closing event, or the head a witnessed record carries, shows nothing is missing.
 */
function judge(
  result: TranscriptIntact,
  record: RecordedHead | undefined,
  allowOpen: boolean,
): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  if (record) {
    if (record.ceremonyId !== result.ceremonyId) {
      return {
        ok: false,
        lines: [
          `NOT THE RECORDED CEREMONY: the record is for ceremony ${record.ceremonyId}, this transcript for ${result.ceremonyId}.`,
        ],
      };
    }
    const extra = result.events - record.eventCount;
    if (extra === 0) {
      lines.push(`matches the record: head event ${record.eventCount}, ${record.headHash}`);
    } else if (record.closed) {
      ok = false;
      lines.push(
        `NOT AS RECORDED: the record witnessed a closed ceremony of ${record.eventCount} events; this transcript has ${extra} more after it.`,
      );
    } else {
      lines.push(
        `the record covers events 1–${record.eventCount} (it was made before the ceremony was closed); events ${record.eventCount + 1}–${result.events} came after it`,
      );
    }
  }
  if (!result.complete) {
    if (allowOpen) {
      lines.push('accepted as open (--allow-open): the ceremony is not closed');
    } else {
      ok = false;
      lines.push(
        'NOT CLOSED: the last event is not ceremony.completed or ceremony.aborted. The ceremony is in progress, ' +
          'was interrupted, or its last events were removed. Check it against its record with --record ' +
          '<record.json>, or pass --allow-open to accept an open ceremony.',
      );
    }
  }
  return { ok, lines };
}

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
