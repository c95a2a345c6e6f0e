/**
 * `kms-ceremony run`: executes a declared ceremony through the same CeremonySession as the app, so the
 * transcript is the same, step by step: loads and checks the script, opens the station, runs one of the
 * four modes (./run-modes.ts, steps in ./run-steps.ts), then verifies the transcript and writes the record.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { isKeySpec } from '../crypto';
import { draftRecordPdfOffThread } from '../record/record-pdf-thread';
import { CheckedLines, STATION_PUBLIC_KEY_FILE } from '../transcript';
import { dryRun } from './dry-run';
import { loadCeremonyScript } from './load';
import { describeMaterial } from './material-file';
import {
  checkFieldsForMode,
  modeName,
  MODES,
  resolveExpiration,
  resolveWrapping,
  runMode,
  type RunFlags,
  type RunMode,
} from './plan';
import { RUNS } from './run-modes';
import type { RunContext, RunOutcome } from './run-steps';
import type { CeremonyScript } from './schema';
import { embeddedEmulatorDir, openScriptStation, STATION_KEY_DIR } from './station';
import { rotationModeError } from './rotation-run';
import { StepPrinter } from './step-printer';
import { checkTranscript, writeRecord, type TranscriptCheck } from './transcript-check';

export type { RunOutcome } from './run-steps';

export interface RunOptions extends RunFlags {
  scriptPath: string;
  /** The station's data folder (station key, transcripts, pending parameters); default: the script's output. */
  dataDir?: string | null;
  dryRun?: boolean;
  /** PEM text of the other station's public key(s), pinned when verifying the final transcript. */
  otherStationKeys?: string[];
  print: (line: string) => void;
  /** The clock for dry-run checks (a real run reads the KMS clock). */
  now?: () => Date;
  /** `--fresh`: an embedded emulator (`target: { emulator: {} }`) starts over with an empty data folder. */
  freshEmulator?: boolean;
}

export interface RunResult {
  mode: RunMode;
  outcome: RunOutcome;
  ceremonyId: string | null;
  transcriptPath: string | null;
  transcript: TranscriptCheck | null;
  /** Bundles, records and the pending-parameters file written by this run. */
  files: string[];
  stationPublicKey: string;
}

export async function runCeremonyScript(opts: RunOptions): Promise<RunResult> {
  const { file, script } = await loadCeremonyScript(opts.scriptPath);
  const mode = runMode(script, opts);
  const { notes } = checkFieldsForMode(script, mode);
  // rotation: runs in one go; replicas: also across the gap (for Regions that already hold a replica).
  if (script.rotation && mode !== 'one-go') throw rotationModeError(modeName(mode));
  const dataDir = path.resolve(opts.dataDir ?? script.output);
  const steps = new StepPrinter(opts.print);
  const stationPublicKey = path.join(dataDir, STATION_KEY_DIR, STATION_PUBLIC_KEY_FILE);
  opts.print(`kms-ceremony run ${file}: ${modeName(mode)}${opts.dryRun ? ' — dry run' : ''}`);
  for (const note of notes) steps.line('note', 'script', note);
  if (opts.dryRun) {
    await dryRun({
      script,
      mode,
      dataDir,
      steps,
      now: opts.now ?? (() => new Date()),
      fromWrappedBundle: opts.fromWrappedBundle ?? null,
    });
    return {
      mode,
      outcome: 'dry-run',
      ceremonyId: null,
      transcriptPath: null,
      transcript: null,
      files: [],
      stationPublicKey,
    };
  }

  await preflight(script, mode);
  mkdirSync(script.output, { recursive: true, mode: 0o700 });
  const station = openScriptStation(dataDir, script.target, {
    dataDir: embeddedEmulatorDir(script.output),
    fresh: opts.freshEmulator === true,
  });
  // After each step the record worker of the compiled CLI draws the steps written so far, so the record
  // is mostly drawn when the ceremony closes (core/record/record-pdf-worker.ts); elsewhere a no-op.
  // And each line of the transcript is checked once, soon after it is written, while the ceremony waits for
  // KMS: the check when the ceremony closes then reuses those verdicts (transcript/checked-lines.ts).
  let transcriptFile: string | null = null;
  const checkedLines = new CheckedLines();
  let prechecked = Promise.resolve();
  steps.afterStep = () => {
    transcriptFile = station.session.ceremony()?.transcriptPath ?? transcriptFile;
    if (!transcriptFile) return;
    const file = transcriptFile;
    draftRecordPdfOffThread(file);
    prechecked = prechecked
      .then(() => new Promise((next) => setImmediate(next)))
      .then(async () => checkedLines.add(readFileSync(file), await station.stationKey()))
      .catch(() => undefined); // only saves work: the final check reads and checks the file itself
  };
  const ctx: RunContext = {
    script,
    station,
    steps,
    files: [],
    fromWrappedBundle: opts.fromWrappedBundle ?? null,
  };
  try {
    const { outcome, info } = await RUNS[mode](ctx);
    const stationKey = await station.stationKey();
    await prechecked;
    const checked = await checkTranscript(
      info.transcriptPath,
      stationKey,
      opts.otherStationKeys ?? [],
      checkedLines,
    );
    if (outcome === 'completed') {
      const record = await steps.step(
        'record.written',
        () => writeRecord(script.output, checked),
        (r) => `${r.html}, .pdf, .json`,
      );
      ctx.files.push(record.html, record.pdf, record.json);
    }
    const { check } = checked;
    opts.print(`transcript: ${info.transcriptPath}`);
    const state = check.complete ? ' (ceremony closed)' : check.intact ? ' (ceremony open)' : '';
    opts.print(`verify-transcript: ${check.intact ? '' : 'NOT INTACT: '}${check.message}${state}`);
    if (check.note) opts.print(`  ${check.note}`);
    opts.print(`station public key (for auditors): ${stationPublicKey}`);
    if (!check.intact) {
      throw new AppError(
        'TRANSCRIPT_NOT_INTACT',
        `The transcript of ceremony ${info.ceremonyId} does not verify: ${check.message}`,
        'Stop and investigate: keep the transcript file as it is, and check the station folder was not modified.',
      );
    }
    return {
      mode,
      outcome,
      ceremonyId: info.ceremonyId,
      transcriptPath: info.transcriptPath,
      transcript: check,
      files: ctx.files,
      stationPublicKey,
    };
  } finally {
    await station.session.close(); // wipes any key material still held
    await station.close();
  }
}

/**
 * What can be refused before anything exists — a key created, a ceremony opened — is refused here: the
 * wrapping for a key spec the script names, an expiry outside the window, a material file that does not
 * load. (The dry run prints the same checks; KMS and the session check again when it matters.)
 */
async function preflight(script: CeremonyScript, mode: RunMode): Promise<void> {
  const keySpec = script.key?.create?.keySpec ?? script.key?.keySpec;
  const known = keySpec && isKeySpec(keySpec) ? keySpec : null;
  if (known && (mode === 'one-go' || mode === 'until-parameters')) resolveWrapping(known, script.wrapping);
  if (script.expiration?.validTo && MODES[mode].expiration === 'required') {
    resolveExpiration(script.expiration, new Date());
  }
  if (known && mode === 'one-go' && script.material?.file) await describeMaterial(script.material, known);
}
