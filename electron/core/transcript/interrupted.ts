import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TERMINAL_ACTIONS, type Station } from './event';
import { readTranscript } from './reader';
import type { StationKey } from './station-key';
import type { TranscriptVerification } from './verify';
import { openTranscript, type AppendedEvent } from './writer';

export interface InterruptedCeremony {
  path: string;
  ceremonyId: string;
  station: Station;
  operator: string;
  witnesses: string[];
  keyArn: string | null;
  events: number;
  /** null when the file holds no complete event (torn inside event 1). */
  lastEvent: { seq: number; action: string; time: string; result: string } | null;
  /** The process died while writing the last line; reopening with onTornTail 'recover' handles it. */
  torn: boolean;
  verification: TranscriptVerification;
}

/**
 * Transcripts in `dir` (`<ceremony>.<station>.jsonl`) whose last event does not close the ceremony:
 * the app offers to resume each one or to mark it aborted. Damaged files are listed too (verification
 * tells why) so that nothing is silently skipped.
 */
export async function findInterruptedCeremonies(dir: string): Promise<InterruptedCeremony[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: InterruptedCeremony[] = [];
  for (const name of names.filter((n) => /\.(online|offline)\.jsonl$/.test(n)).sort()) {
    const file = path.join(dir, name);
    const { verification, lines } = readTranscript(await fs.readFile(file));
    const events = lines.filter((l) => l.event);
    const last = events[events.length - 1]?.event;
    if (!last) {
      // Torn inside its first line: nothing was acknowledged, but the file says a ceremony was started.
      const named = /^(.+)\.(online|offline)\.jsonl$/.exec(name) as RegExpExecArray;
      found.push({
        path: file,
        ceremonyId: named[1] as string,
        station: named[2] as Station,
        operator: '',
        witnesses: [],
        keyArn: null,
        events: 0,
        lastEvent: null,
        torn: !verification.intact && verification.problem === 'torn',
        verification,
      });
      continue;
    }
    if ((TERMINAL_ACTIONS as readonly string[]).includes(last.action)) continue;
    found.push({
      path: file,
      ceremonyId: last.ceremonyId,
      station: last.station,
      operator: last.operator,
      witnesses: last.witnesses,
      keyArn: [...events].reverse().find((l) => l.event?.keyArn)?.event?.keyArn ?? null,
      events: verification.intact ? verification.events : verification.intactEvents,
      lastEvent: { seq: last.seq, action: last.action, time: last.time, result: last.result },
      torn: !verification.intact && verification.problem === 'torn',
      verification,
    });
  }
  return found;
}

/** Closes an interrupted ceremony with a `ceremony.aborted` event (recovering a torn last line first). */
export async function markAborted(
  interrupted: Pick<InterruptedCeremony, 'path' | 'ceremonyId' | 'station'>,
  options: { stationKey: StationKey; reason: string; operator?: string; witnesses?: string[] },
): Promise<AppendedEvent> {
  const transcript = await openTranscript(interrupted.path, {
    station: interrupted.station,
    ceremonyId: interrupted.ceremonyId,
    stationKey: options.stationKey,
    operator: options.operator,
    witnesses: options.witnesses,
    onTornTail: 'recover',
  });
  try {
    return await transcript.append({
      action: 'ceremony.aborted',
      result: 'info',
      details: { reason: options.reason },
    });
  } finally {
    await transcript.close();
  }
}
