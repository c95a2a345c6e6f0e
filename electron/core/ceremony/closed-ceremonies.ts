/**
 * Ceremonies this station has closed (`ceremony.completed` or `ceremony.aborted` last), and their record:
 * the record is only ever made from a closed transcript, so it says "closed" and carries the transcript's
 * final head hash and event count (`kms-ceremony verify-transcript --record` then needs no --allow-open).
 * The renderer names a ceremony by id only; main reads the file from its own transcript folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { AppError } from '../errors';
import {
  readTranscript,
  TERMINAL_ACTIONS,
  transcriptPath,
  type Station,
  type StationKey,
} from '../transcript';
import { exportRecord, vouchedSegmentKeys } from './audit';

export interface ClosedCeremony {
  ceremonyId: string;
  station: Station;
  outcome: 'completed' | 'aborted';
  operator: string;
  witnesses: string[];
  keyArn: string | null;
  events: number;
  closedAt: string;
  intact: boolean;
}

/** The closed ceremonies in `dir` (`<ceremony>.<station>.jsonl`), newest first. */
export async function listClosedCeremonies(dir: string): Promise<ClosedCeremony[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const found: ClosedCeremony[] = [];
  for (const name of names.filter((n) => /\.(online|offline)\.jsonl$/.test(n))) {
    const { verification, lines } = readTranscript(await readFile(`${dir}/${name}`));
    const events = lines.flatMap((l) => (l.event ? [l.event] : []));
    const last = events.at(-1);
    if (!last || !(TERMINAL_ACTIONS as readonly string[]).includes(last.action)) continue;
    found.push({
      ceremonyId: last.ceremonyId,
      station: last.station,
      outcome: last.action === 'ceremony.completed' ? 'completed' : 'aborted',
      operator: last.operator,
      witnesses: last.witnesses,
      keyArn: [...events].reverse().find((e) => e.keyArn)?.keyArn ?? null,
      events: events.length,
      closedAt: last.time,
      intact: verification.intact,
    });
  }
  return found.sort((a, b) => b.closedAt.localeCompare(a.closedAt));
}

/**
 * Writes the record (HTML, PDF, JSON) of closed ceremony `ceremonyId` into `folder`. Refuses (typed,
 * nothing written) an id that is not a closed ceremony of this station: an open one is finished first.
 */
export async function exportClosedRecord(args: {
  dir: string;
  ceremonyId: string;
  station: Station;
  folder: string;
  stationKey: StationKey;
}): Promise<{ files: string[] }> {
  const file = transcriptPath(args.dir, args.ceremonyId, args.station);
  const text = await readFile(file, 'utf8').catch(() => null);
  const { verification } = text
    ? readTranscript(text, {
        trustedKeys: [args.stationKey.publicKeyPem, ...vouchedSegmentKeys(text, args.stationKey.keyId)],
      })
    : { verification: null };
  if (!text || !verification?.intact || !verification.complete) {
    throw new AppError(
      'CEREMONY_NOT_CLOSED',
      `Ceremony ${args.ceremonyId} is not a closed ceremony of this ${args.station} station${
        verification && !verification.intact
          ? ` (its transcript does not verify: ${verification.message})`
          : ''
      }.`,
      'Finish the ceremony first (step Finish), then save its record; or pick a ceremony from the list of closed ceremonies.',
    );
  }
  return exportRecord(args.folder, text, args.stationKey);
}
