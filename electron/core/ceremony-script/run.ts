/**
 * `kms-ceremony run`: executes a declared ceremony through the same CeremonySession as the app, so the
 * transcript is the same, step by step. Four modes (see `plan.ts`): the whole ceremony in one go, the
 * online half up to the parameters bundle, the offline wrap, and the online half from the wrapped bundle.
 * A failed step aborts the ceremony in its transcript — except before the import when resuming from a
 * wrapped bundle, where nothing changed in KMS and the officers may fix the bundle path and run again.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CeremonyInfo } from '../ceremony/ceremony-log';
import { AppError, toErrorShape } from '../errors';
import {
  isKeySpec,
  keyUsagesFor,
  readPassphraseFile,
  runSelfTestsWhileWaiting,
  type KeySpec,
} from '../crypto';
import { STATION_PUBLIC_KEY_FILE } from '../transcript';
import { dryRun } from './dry-run';
import { loadCeremonyScript } from './load';
import * as custody from './custody-steps';
import { describeMaterial } from './material-file';
import { assertSameTarget, loadPending, removePending, savePending } from './pending';
import {
  checkFieldsForMode,
  checkWrappingMatches,
  modeName,
  MODES,
  resolveExpiration,
  resolveWrapping,
  runMode,
  type RunFlags,
  type RunMode,
} from './plan';
import type { CeremonyScript } from './schema';
import {
  connectPolicy,
  connectRequest,
  describeTarget,
  embeddedEmulatorDir,
  openScriptStation,
  STATION_KEY_DIR,
  type ScriptStation,
} from './station';
import { StepPrinter } from './step-printer';
import { checkTranscript, writeRecord, type TranscriptCheck } from './transcript-check';
import { readWrappedManifest } from './wrapped-manifest';
import { formatCheckValue, formatHash } from '../../shared/display/hash-format';
import { formatInstant } from '../../shared/display/time-format';

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

export type RunOutcome = 'completed' | 'stopped-at-air-gap' | 'wrapped' | 'dry-run';

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

interface Context {
  script: CeremonyScript;
  station: ScriptStation;
  steps: StepPrinter;
  files: string[];
  fromWrappedBundle: string | null;
}

type ModeRun = (ctx: Context) => Promise<{ outcome: RunOutcome; info: CeremonyInfo }>;

export async function runCeremonyScript(opts: RunOptions): Promise<RunResult> {
  const { file, script } = await loadCeremonyScript(opts.scriptPath);
  const mode = runMode(script, opts);
  const { notes } = checkFieldsForMode(script, mode);
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
  await mkdir(script.output, { recursive: true, mode: 0o700 });
  const station = openScriptStation(dataDir, script.target, {
    dataDir: embeddedEmulatorDir(script.output),
    fresh: opts.freshEmulator === true,
  });
  const ctx: Context = {
    script,
    station,
    steps,
    files: [],
    fromWrappedBundle: opts.fromWrappedBundle ?? null,
  };
  try {
    const { outcome, info } = await RUNS[mode](ctx);
    const stationKey = await station.stationKey();
    const { text, check, trustedKeys } = await checkTranscript(
      info.transcriptPath,
      stationKey,
      opts.otherStationKeys ?? [],
    );
    if (outcome === 'completed') {
      const record = await steps.step(
        'record.written',
        () => writeRecord(script.output, text, trustedKeys),
        (r) => `${r.html}, .pdf, .json`,
      );
      ctx.files.push(record.html, record.pdf, record.json);
    }
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

const RUNS: Record<RunMode, ModeRun> = {
  'one-go': (ctx) =>
    abortOnError(ctx, async () => {
      await start(ctx, 'online', null);
      await connect(ctx);
      const keySpec = await selectKey(ctx);
      await fetchParameters(ctx, keySpec);
      await confirmFingerprint(ctx);
      await takeMaterial(ctx);
      await backUpIfAsked(ctx);
      await wrap(ctx);
      await importAndVerify(ctx);
      return finish(ctx, 'imported and verified (scripted ceremony)');
    }),

  'until-parameters': (ctx) =>
    abortOnError(ctx, async () => {
      const s = ctx.station.session;
      const started = await start(ctx, 'online', null);
      await connect(ctx);
      const keySpec = await selectKey(ctx);
      const params = await fetchParameters(ctx, keySpec);
      const saved = s.savedParameters()!;
      const pending = await ctx.steps.step(
        'parameters.saved',
        () =>
          savePending(ctx.station.dataDir, {
            ceremonyId: started.ceremonyId,
            savedAt: new Date().toISOString(),
            target: describeTarget(ctx.script.target),
            keyId: saved.keyId,
            keyArn: s.state().key!.arn,
            wrappingAlgorithm: saved.wrappingAlgorithm,
            wrappingKeySpec: saved.wrappingKeySpec,
            publicKey: saved.publicKey.toString('base64'),
            importToken: saved.importToken.toString('base64'),
            publicKeySha256: params.publicKey.sha256,
            parametersValidTo: saved.parametersValidTo,
          }),
        (file) => `import token kept on this station: ${file} (0600)`,
      );
      ctx.files.push(pending);
      try {
        const bundle = await ctx.steps.step(
          'bundle.written',
          () => s.exportParametersBundle(ctx.script.output),
          (b) => `parameters bundle ${b.path} (no import token inside)`,
        );
        ctx.files.push(bundle.path);
        ctx.steps.print(
          `fingerprint to read aloud on the offline station: ${params.publicKey.words.join(' ')}`,
        );
        ctx.steps.print(
          `next: carry ${bundle.path} to the offline station and run its script there; then, before ${params.parametersValidTo}, run this script again with --from wrapped-bundle <the …-wrapped folder> on this station (same --data-dir).`,
        );
      } catch (error) {
        await removePending(ctx.station.dataDir, started.ceremonyId);
        throw error;
      }
      const info = s.ceremony()!;
      return { outcome: 'stopped-at-air-gap' as const, info };
    }),

  'offline-wrap': (ctx) =>
    abortOnError(ctx, async () => {
      const s = ctx.station.session;
      await start(ctx, 'offline', null);
      const params = s.state().parameters!;
      ctx.steps.line(
        'ok',
        'bundle.read',
        `${s.state().key!.keySpec} · ${params.wrappingAlgorithm}/${params.wrappingKeySpec} · public key ${formatHash(params.publicKey.sha256)} · valid to ${formatInstant(params.parametersValidTo)}`,
      );
      checkWrappingMatches(ctx.script.wrapping, params.wrappingAlgorithm, params.wrappingKeySpec);
      await confirmFingerprint(ctx);
      await takeMaterial(ctx);
      await backUpIfAsked(ctx);
      await wrap(ctx);
      const bundle = await ctx.steps.step(
        'bundle.written',
        () => s.exportWrappedBundle(ctx.script.output),
        (b) => `wrapped bundle ${b.path} (wrapped material, check value, this transcript)`,
      );
      ctx.files.push(bundle.path);
      ctx.steps.print(
        `next: carry ${bundle.path} to the online station and run --from wrapped-bundle there.`,
      );
      const info = await finish(ctx, 'wrapped bundle written for the online station');
      return { ...info, outcome: 'wrapped' as const };
    }),

  'from-wrapped-bundle': async (ctx) => {
    const s = ctx.station.session;
    const dir = path.resolve(ctx.fromWrappedBundle!);
    const manifest = await readWrappedManifest(dir);
    const pending = await loadPending(ctx.station.dataDir, manifest.ceremonyId);
    assertSameTarget(pending, describeTarget(ctx.script.target));
    await start(ctx, 'online', manifest.ceremonyId);
    try {
      await connect(ctx);
      await ctx.steps.step(
        'parameters.restored',
        () =>
          s.restoreParameters({
            keyId: pending.keyId,
            wrappingAlgorithm: pending.wrappingAlgorithm,
            wrappingKeySpec: pending.wrappingKeySpec,
            publicKey: Buffer.from(pending.publicKey, 'base64'),
            importToken: Buffer.from(pending.importToken, 'base64'),
            parametersValidTo: pending.parametersValidTo,
          }),
        (p) =>
          `${p.keyId} · ${p.wrappingAlgorithm}/${p.wrappingKeySpec} · valid to ${formatInstant(p.parametersValidTo)}`,
      );
      await ctx.steps.step(
        'bundle.read',
        () => s.loadWrappedBundle(dir),
        (w) =>
          `${w.size} bytes, ${formatHash(w.sha256)} · offline check value ${formatCheckValue(w.checkValue)} · ${w.offlineEvents} offline events merged`,
      );
    } catch (error) {
      // Nothing reached KMS: leave the ceremony open so the officers can fix the cause and resume again.
      const info = s.ceremony();
      ctx.steps.print(
        `ceremony ${info?.ceremonyId ?? manifest.ceremonyId} left open (nothing imported); fix the problem and run --from wrapped-bundle again, or abort it in the app.`,
      );
      throw error;
    }
    return abortOnError(ctx, async () => {
      await importAndVerify(ctx);
      const done = await finish(
        ctx,
        'imported and verified against the offline check value (scripted ceremony)',
      );
      await removePending(ctx.station.dataDir, manifest.ceremonyId);
      return done;
    }).catch(async (error: unknown) => {
      await removePending(ctx.station.dataDir, manifest.ceremonyId); // the ceremony is closed: the token is spent
      throw error;
    });
  },
};

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

async function abortOnError<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const s = ctx.station.session;
    if (s.ceremony()) {
      const e = toErrorShape(error);
      const info = await s.finishCeremony('aborted', `${e.code}: ${e.message}`).catch(() => null);
      if (info) ctx.steps.print(`ceremony ${info.ceremonyId} aborted; transcript ${info.transcriptPath}`);
    }
    throw error;
  }
}

// ── steps ──────────────────────────────────────────────────────────────────────────────────────

function start(ctx: Context, station: 'online' | 'offline', resumeCeremonyId: string | null) {
  const { operator, witnesses, approvals } = ctx.script.ceremony;
  return ctx.steps.step(
    resumeCeremonyId ? 'ceremony.resumed' : 'ceremony.started',
    () =>
      ctx.station.session.startCeremony({
        station,
        operator,
        witnesses,
        approvals: approvals ?? null,
        resumeCeremonyId,
        parametersInput:
          station === 'offline'
            ? {
                path: ctx.script.parameters!,
                keySpec: ctx.script.key?.keySpec ?? null,
                wrappingAlgorithm: ctx.script.wrapping?.algorithm ?? null,
              }
            : null,
      }),
    (c) => `${c.ceremonyId} · ${c.station} station · operator ${c.operator} · transcript ${c.transcriptPath}`,
  );
}

function connect(ctx: Context) {
  return ctx.steps.step(
    'kms.connected',
    () => {
      const connecting = ctx.station.session.connect(
        connectRequest(ctx.script.target!),
        connectPolicy(ctx.script.target!),
      );
      runSelfTestsWhileWaiting(); // the known-answer tests overlap the first KMS round trip
      return connecting;
    },
    (c) => `${c.label} · ${c.region} · account ${c.account} · ${c.principalArn}`,
  );
}

/** Creates or describes the key, and refuses one this ceremony cannot import into. */
async function selectKey(ctx: Context): Promise<KeySpec> {
  const s = ctx.station.session;
  const declared = ctx.script.key!;
  const create = declared.create;
  const key = create
    ? await ctx.steps.step(
        'key.created',
        () =>
          s.createKey({
            keySpec: create.keySpec,
            keyUsage: create.keyUsage ?? keyUsagesFor(create.keySpec as KeySpec)[0]!,
            description: create.description ?? 'Key material imported by a scripted ceremony',
            alias: create.alias ?? null,
            multiRegion: create.multiRegion ?? false,
          }),
        (k) =>
          `${k.keyId} · ${k.keySpec} ${k.keyUsage} · ${k.keyState}${k.aliases.length ? ` · ${k.aliases.join(', ')}` : ''}`,
      )
    : await ctx.steps.step(
        'key.described',
        () => s.describeKey(declared.id!),
        (k) => `${k.keyId} · ${k.keySpec} ${k.keyUsage} · ${k.keyState} · ${k.importability.explanation}`,
      );
  if (!key.keySpec || !isKeySpec(key.keySpec)) {
    throw new AppError(
      'BAD_KEY_SPEC',
      `This app cannot import ${key.keySpec} key material.`,
      'Name another key.',
    );
  }
  if (declared.keySpec && declared.keySpec !== key.keySpec) {
    throw new AppError(
      'KEY_SPEC_MISMATCH',
      `key: ${declared.id} is a ${key.keySpec} key, but the script expects keySpec ${declared.keySpec}.`,
      `Check the key id, or write keySpec: ${key.keySpec}.`,
    );
  }
  if (key.importability.mode === 'none') {
    throw new AppError('NOT_IMPORTABLE', key.importability.explanation, 'Name a key with Origin EXTERNAL.');
  }
  return key.keySpec;
}

async function fetchParameters(ctx: Context, keySpec: KeySpec) {
  const wrapping = resolveWrapping(keySpec, ctx.script.wrapping);
  return ctx.steps.step(
    'parameters.fetched',
    () => ctx.station.session.getImportParameters(wrapping.wrappingAlgorithm, wrapping.wrappingKeySpec),
    (p) =>
      `${p.wrappingAlgorithm}/${p.wrappingKeySpec}${wrapping.recommended ? ' (recommended)' : ''} · public key ${formatHash(p.publicKey.sha256)} · valid to ${formatInstant(p.parametersValidTo)}`,
  );
}

async function confirmFingerprint(ctx: Context) {
  const declared = ctx.script.fingerprint;
  if (!declared) return;
  const result = await ctx.station.session.confirmFingerprint({
    witness: declared.witness,
    heardWords: declared.heardWords ?? null,
  });
  ctx.steps.line(result.matched ? 'ok' : 'FAIL', 'fingerprint.confirmed', result.message);
  if (!result.matched) {
    throw new AppError(
      'FINGERPRINT_MISMATCH',
      result.message,
      'Stop: the wrapping public key here is not the one the online station fetched. Fetch new parameters and carry the bundle again.',
    );
  }
}

async function takeMaterial(ctx: Context) {
  const s = ctx.station.session;
  const material = ctx.script.material!;
  const describe = (m: Awaited<ReturnType<typeof s.generateKeyMaterial>>) =>
    `${m.length} bytes${m.source === 'file' ? ` from ${m.fileName} (${m.formatFound})` : ''} · check value ${formatCheckValue(m.checkValue)}`;
  if (material.generate) return ctx.steps.step('material.generated', () => s.generateKeyMaterial(), describe);
  if (material.components) return custody.enterComponents(s, ctx.steps, material.components);
  if (material.shares) return custody.restoreFromShares(s, ctx.steps, material.shares);
  const passphraseNotes: string[] = [];
  const passphrase = material.passphraseFile
    ? readPassphraseFile(material.passphraseFile, passphraseNotes)
    : null;
  try {
    return await ctx.steps.step(
      'material.loaded',
      () => s.loadKeyMaterial(material.file!, material.format ?? 'auto', passphrase, { passphraseNotes }),
      describe,
    );
  } finally {
    passphrase?.wipe();
  }
}

/** `backup:` (issue 11): the material just taken, split to its custodians before it is wrapped. */
async function backUpIfAsked(ctx: Context) {
  if (ctx.script.backup)
    ctx.files.push(
      ...(await custody.backUp(ctx.station.session, ctx.steps, ctx.script.backup, ctx.script.output)),
    );
}

function wrap(ctx: Context) {
  return ctx.steps.step(
    'material.wrapped',
    () => ctx.station.session.wrap(),
    (w) => `${w.wrappingAlgorithm}/${w.wrappingKeySpec} · ${w.size} bytes · ${formatHash(w.sha256)}`,
  );
}

/** Prints exactly what ImportKeyMaterial will send, then records each `approvedBy:` witness's approval of it. */
async function approveImport(
  ctx: Context,
  expiration: Parameters<Context['station']['session']['importKeyMaterial']>[0],
) {
  const s = ctx.station.session;
  const { digest } = await ctx.steps.step(
    'import.approval-requested',
    () => s.requestImportApproval(expiration),
    (a) =>
      `${a.request.keyArn} · ${a.request.region} · account ${a.request.account} · ${a.request.keySpec} · ${a.request.wrappingAlgorithm}/${a.request.wrappingKeySpec} · EncryptedKeyMaterial SHA-256 ${a.request.encryptedKeyMaterialSha256} · ${a.request.checkValue.kind} ${a.request.checkValue.value} · ${a.request.expirationModel}${a.request.validTo ? ` until ${a.request.validTo}` : ''} · approval SHA-256 ${a.digest}`,
  );
  for (const witness of ctx.script.approvedBy ?? []) {
    await ctx.steps.step(
      'import.approved',
      () => s.approveImport({ witness, digest }),
      (a) => `${witness} · ${a.approvedBy.length} of ${a.needed}`,
    );
  }
}

async function importAndVerify(ctx: Context) {
  const s = ctx.station.session;
  const expiration = resolveExpiration(ctx.script.expiration!, ctx.station.now());
  await approveImport(ctx, expiration);
  await ctx.steps.step(
    'material.imported',
    () => s.importKeyMaterial(expiration),
    (r) =>
      `${r.expirationModel}${r.validTo ? ` until ${formatInstant(r.validTo)}` : ''} · key material id ${r.keyMaterialId ?? 'n/a'} · ${r.keyState}`,
  );
  await ctx.steps.step(
    'import.verified',
    () => s.verify(),
    (v) => `${v.method}: ${v.checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'} ${c.name}`).join('; ')}`,
  );
}

async function finish(ctx: Context, reason: string) {
  const info = await ctx.steps.step(
    'ceremony.completed',
    () => ctx.station.session.finishCeremony('completed', reason),
    (c) => `${c.ceremonyId} · ${c.events} events`,
  );
  return { outcome: 'completed' as const, info };
}
