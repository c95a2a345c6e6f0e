/**
 * The steps of a scripted ceremony (`kms-ceremony run`), each one call into the same CeremonySession as
 * the app, printed as a step line. The modes (./run-modes.ts) put them in order.
 */
import { AppError, toErrorShape } from '../errors';
import {
  isKeySpec,
  keyUsagesFor,
  readPassphraseFile,
  runSelfTestsWhileWaiting,
  type KeySpec,
} from '../crypto';
import { formatCheckValue, formatHash } from '../../shared/display/hash-format';
import { formatInstant } from '../../shared/display/time-format';
import * as custody from './custody-steps';
import { resolveExpiration, resolveWrapping } from './plan';
import type { CeremonyScript } from './schema';
import { connectPolicy, connectRequest, type ScriptStation } from './station';
import type { StepPrinter } from './step-printer';

/** What a mode runs on: the script, the open station, the step printer and the files written so far. */
export interface RunContext {
  script: CeremonyScript;
  station: ScriptStation;
  steps: StepPrinter;
  files: string[];
  fromWrappedBundle: string | null;
}

export type RunOutcome = 'completed' | 'stopped-at-air-gap' | 'wrapped' | 'dry-run';

export async function abortOnError<T>(ctx: RunContext, work: () => Promise<T>): Promise<T> {
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

export function start(ctx: RunContext, station: 'online' | 'offline', resumeCeremonyId: string | null) {
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

export function connect(ctx: RunContext) {
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
export async function selectKey(ctx: RunContext): Promise<KeySpec> {
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

export async function fetchParameters(ctx: RunContext, keySpec: KeySpec) {
  const wrapping = resolveWrapping(keySpec, ctx.script.wrapping);
  return ctx.steps.step(
    'parameters.fetched',
    () => ctx.station.session.getImportParameters(wrapping.wrappingAlgorithm, wrapping.wrappingKeySpec),
    (p) =>
      `${p.wrappingAlgorithm}/${p.wrappingKeySpec}${wrapping.recommended ? ' (recommended)' : ''} · public key ${formatHash(p.publicKey.sha256)} · valid to ${formatInstant(p.parametersValidTo)}`,
  );
}

export async function confirmFingerprint(ctx: RunContext) {
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

export async function takeMaterial(ctx: RunContext) {
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
export async function backUpIfAsked(ctx: RunContext) {
  if (ctx.script.backup)
    ctx.files.push(
      ...(await custody.backUp(ctx.station.session, ctx.steps, ctx.script.backup, ctx.script.output)),
    );
}

export function wrap(ctx: RunContext) {
  return ctx.steps.step(
    'material.wrapped',
    () => ctx.station.session.wrap(),
    (w) => `${w.wrappingAlgorithm}/${w.wrappingKeySpec} · ${w.size} bytes · ${formatHash(w.sha256)}`,
  );
}

/** Prints exactly what ImportKeyMaterial will send, then records each `approvedBy:` witness's approval of it. */
export async function approveImport(
  ctx: RunContext,
  expiration: Parameters<RunContext['station']['session']['importKeyMaterial']>[0],
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

export async function importAndVerify(ctx: RunContext) {
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

export async function finish(ctx: RunContext, reason: string) {
  const info = await ctx.steps.step(
    'ceremony.completed',
    () => ctx.station.session.finishCeremony('completed', reason),
    (c) => `${c.ceremonyId} · ${c.events} events`,
  );
  return { outcome: 'completed' as const, info };
}
