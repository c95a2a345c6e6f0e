/**
 * The transcript of one ceremony on one station: opened (or resumed) when the officers start, appended
 * to by every step, closed with `ceremony.completed` or `ceremony.aborted`. Thin over core/transcript,
 * which does the hashing, signing and fsync.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../errors';
import { assertPathId } from '../path-ids';
import {
  findInterruptedCeremonies,
  newCeremonyId,
  openTranscript,
  transcriptPath,
  type EventInput,
  type Station,
  type StationKey,
  type Transcript,
  type FileIo,
} from '../transcript';

export interface CeremonyInfo {
  ceremonyId: string;
  station: Station;
  operator: string;
  witnesses: string[];
  transcriptPath: string;
  stationKeyId: string;
  events: number;
  headHash: string;
}

export class CeremonyLog {
  /** Set once a KMS call that changes state was requested in this ceremony (this run or before a resume). */
  private kmsChanged = false;

  private constructor(
    private readonly transcript: Transcript,
    private readonly stationKey: StationKey,
    private readonly names: { operator: string; witnesses: string[] },
  ) {}

  static async start(opts: {
    dir: string;
    stationKey: StationKey;
    station: Station;
    operator: string;
    witnesses: string[];
    /** Reopen an interrupted ceremony instead of starting a new one. */
    resumeCeremonyId?: string | null;
    /** Join a ceremony begun on the other station (the id travels in the parameters bundle). */
    joinCeremonyId?: string | null;
    io?: FileIo;
  }): Promise<CeremonyLog> {
    const ceremonyId = opts.resumeCeremonyId ?? opts.joinCeremonyId ?? newCeremonyId();
    if (opts.resumeCeremonyId) await requireInterrupted(opts.dir, opts.resumeCeremonyId, opts.station);
    const transcript = await openTranscript(transcriptPath(opts.dir, ceremonyId, opts.station), {
      station: opts.station,
      ceremonyId,
      stationKey: opts.stationKey,
      operator: opts.operator,
      witnesses: opts.witnesses,
      onTornTail: 'recover',
      ...(opts.io ? { io: opts.io } : {}),
    });
    const log = new CeremonyLog(transcript, opts.stationKey, {
      operator: opts.operator,
      witnesses: opts.witnesses,
    });
    if (opts.resumeCeremonyId) log.kmsChanged = mentionsKmsChange(await log.text());
    await log.record({
      action: opts.resumeCeremonyId ? 'ceremony.resumed' : 'ceremony.started',
      result: 'info',
      details: { mode: opts.station === 'offline' ? 'air-gapped' : 'online' },
    });
    return log;
  }

  async record(input: EventInput): Promise<void> {
    try {
      await this.transcript.append(input);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'TRANSCRIPT_WRITE_FAILED',
        `The step happened, but it could not be written to the transcript: ${(error as Error).message}`,
        'Stop the ceremony: free disk space or fix the transcript folder, then resume it from the start screen.',
      );
    }
  }

  /**
   * Written before a KMS call that changes state (core/ceremony/policy.ts, column kms), so that a crash
   * before its outcome event is visible: `kms.requested` naming the operation, then the outcome.
   */
  intent(operation: string, keyArn: string | null, details: EventInput['details']): Promise<void> {
    this.kmsChanged = true;
    return this.record({
      action: 'kms.requested',
      result: 'info',
      keyArn,
      details: { operation, ...details },
    });
  }

  /** Whether this ceremony has asked KMS to change anything (then its key is locked: policy `key-not-locked`). */
  changedKms(): boolean {
    return this.kmsChanged;
  }

  mergeSegment(text: string, details: EventInput['details']) {
    return this.transcript.mergeSegment(text, { details });
  }

  /** The transcript file as written so far (for bundles, the viewer and the record). */
  text(): Promise<string> {
    return readFile(this.transcript.path, 'utf8');
  }

  info(): CeremonyInfo {
    const head = this.transcript.head();
    return {
      ceremonyId: this.transcript.ceremonyId,
      station: this.transcript.station,
      operator: this.names.operator,
      witnesses: this.names.witnesses,
      transcriptPath: this.transcript.path,
      stationKeyId: this.stationKey.keyId,
      events: head.events,
      headHash: head.headHash,
    };
  }

  async finish(outcome: 'completed' | 'aborted', reason: string): Promise<CeremonyInfo> {
    await this.record({ action: `ceremony.${outcome}`, result: 'info', details: { reason } });
    const info = this.info();
    await this.transcript.close();
    return info;
  }

  close(): Promise<void> {
    return this.transcript.close();
  }
}

/**
 * Only a ceremony this station lists as interrupted can be resumed. One error for every other case (no such
 * file, a closed ceremony, another station's file), so the answer reveals nothing about the folder.
 */
async function requireInterrupted(dir: string, ceremonyId: string, station: Station): Promise<void> {
  assertPathId('ceremony id', ceremonyId, 'the ceremony to resume');
  const found = await findInterruptedCeremonies(dir);
  if (found.some((c) => c.ceremonyId === ceremonyId && c.station === station)) return;
  throw new AppError(
    'NOT_RESUMABLE',
    `There is no interrupted ceremony ${ceremonyId} on this ${station} station to resume.`,
    'Pick a ceremony from the list of interrupted ceremonies, or start a new one.',
  );
}

/** Whether a transcript (as resumed) holds a `kms.requested` event: the ceremony changed KMS before. */
function mentionsKmsChange(text: string): boolean {
  return text.split('\n').some((line) => {
    try {
      return (JSON.parse(line) as { action?: unknown }).action === 'kms.requested';
    } catch {
      return false; // a torn or foreign line says nothing about KMS
    }
  });
}
