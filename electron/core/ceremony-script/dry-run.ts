/**
 * `--dry-run`: every check a run would make before touching KMS — the script, the files it names (the
 * material loaded and validated in memory, then wiped), the wrapping combination, the expiry window, the
 * parameters bundle (offline) or the wrapped bundle and saved parameters (resume) — with no KMS call and
 * nothing written. Each check prints one line; all run, and the failures are reported together.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parametersValidity, readParametersInput } from '../bundles';
import { isKeySpec, isWrappingAlgorithm, keyUsagesFor, type KeySpec } from '../crypto';
import { AppError, toErrorShape } from '../errors';
import { compareFingerprintWords } from '../fingerprint';
import { STATION_PRIVATE_KEY_FILE } from '../transcript';
import { describeMaterial } from './material-file';
import { assertSameTarget, loadPending, pendingPath } from './pending';
import { checkWrappingMatches, MODES, resolveExpiration, resolveWrapping, type RunMode } from './plan';
import type { CeremonyScript } from './schema';
import { describeTarget, STATION_KEY_DIR } from './station';
import type { StepPrinter } from './step-printer';
import { readWrappedManifest } from './wrapped-manifest';
import { formatCheckValue, formatHash } from '../../shared/display/hash-format';

export interface DryRunInput {
  script: CeremonyScript;
  mode: RunMode;
  dataDir: string;
  steps: StepPrinter;
  now: () => Date;
  fromWrappedBundle?: string | null;
}

/** A check returns what it found, or `{ skipped }` when it cannot run yet (said, not counted as passed). */
type Found = string | { skipped: string };
type Check = { what: string; run: () => Promise<Found> | Found };

export async function dryRun(input: DryRunInput): Promise<void> {
  const { steps } = input;
  const failures: string[] = [];
  for (const check of await checksFor(input)) {
    try {
      const found = await check.run();
      if (typeof found === 'string') steps.line('ok', check.what, found);
      else steps.line('skip', check.what, found.skipped);
    } catch (error) {
      const e = toErrorShape(error);
      steps.line('FAIL', check.what, `${e.message}${e.hint ? ` — ${e.hint}` : ''}`);
      failures.push(`${check.what}: ${e.message}`);
    }
  }
  if (failures.length > 0) {
    throw new AppError(
      'DRY_RUN_FAILED',
      `The dry run found ${failures.length === 1 ? 'a problem' : `${failures.length} problems`}:\n${failures.map((f) => `  - ${f}`).join('\n')}`,
      'Fix what is listed and run --dry-run again; nothing was sent to KMS and nothing was written.',
    );
  }
  steps.print('dry run passed: nothing was sent to KMS and nothing was written.');
}

/** The key spec the run will use, when it is known without asking KMS. */
async function knownKeySpec(input: DryRunInput): Promise<KeySpec | null> {
  const { script } = input;
  let keySpec: string | null | undefined;
  if (script.station === 'offline') {
    keySpec = (await readParametersInput(script.parameters!)).keySpec ?? script.key?.keySpec;
  } else if (input.mode === 'from-wrapped-bundle') {
    keySpec = (await readWrappedManifest(path.resolve(input.fromWrappedBundle!))).keySpec;
  } else {
    keySpec = script.key?.create?.keySpec ?? script.key?.keySpec;
  }
  return keySpec && isKeySpec(keySpec) ? keySpec : null;
}

async function checksFor(input: DryRunInput): Promise<Check[]> {
  const { script, mode, dataDir, now } = input;
  const needs = MODES[mode];
  // An unreadable bundle is reported by its own check below; here it only means the key spec is unknown.
  const keySpec = await knownKeySpec(input).catch(() => null);
  const checks: Check[] = [{ what: 'station', run: () => describeStation(dataDir) }];
  if (needs.station === 'online') {
    checks.push({
      what: 'target',
      run: () =>
        `would connect to ${describeTarget(script.target)}${script.target?.aws?.profile ? ` with profile ${script.target.aws.profile}` : ''} (not contacted)`,
    });
  }
  if (mode === 'one-go' || mode === 'until-parameters')
    checks.push({ what: 'key', run: () => describeKey(script) });
  if (mode === 'offline-wrap') checks.push({ what: 'parameters', run: () => checkParameters(script, now()) });
  if (mode === 'one-go' || mode === 'until-parameters') {
    checks.push({
      what: 'wrapping',
      run: () => {
        if (!keySpec)
          return {
            skipped: 'decided after DescribeKey (write key: { id: ..., keySpec: ... } to check it now)',
          };
        const w = resolveWrapping(keySpec, script.wrapping);
        return `${w.wrappingAlgorithm}/${w.wrappingKeySpec}${w.recommended ? ' (recommended)' : ''} can import ${keySpec} material`;
      },
    });
  }
  if (mode === 'offline-wrap' && script.fingerprint?.heardWords) {
    checks.push({ what: 'fingerprint', run: () => checkFingerprint(script) });
  }
  if (needs.material === 'required') {
    checks.push({
      what: 'material',
      run: () =>
        keySpec
          ? describeMaterial(script.material!, keySpec)
          : {
              skipped:
                mode === 'offline-wrap'
                  ? 'the key spec comes from the parameters, which could not be read'
                  : 'checked after DescribeKey (write key: { id: ..., keySpec: ... } to check it now)',
            },
    });
  }
  if (mode === 'from-wrapped-bundle') {
    checks.push({ what: 'wrapped bundle', run: () => checkResume(input) });
  }
  if (needs.expiration === 'required') {
    checks.push({
      what: 'expiration',
      run: () => {
        const e = resolveExpiration(script.expiration!, now());
        if (e.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE')
          return `KEY_MATERIAL_DOES_NOT_EXPIRE (justification: ${e.justification})`;
        return `KEY_MATERIAL_EXPIRES until ${e.validTo}${script.expiration!.validForDays ? ` (${script.expiration!.validForDays} days from the import)` : ''}, within the 365-day window`;
      },
    });
  }
  checks.push({ what: 'output', run: () => describeOutput(script.output, mode, dataDir) });
  return checks;
}

function describeStation(dataDir: string): string {
  const hasKey = existsSync(path.join(dataDir, STATION_KEY_DIR, STATION_PRIVATE_KEY_FILE));
  return `data folder ${dataDir}: ${hasKey ? 'station key present' : 'station key would be created'}`;
}

function describeKey(script: CeremonyScript): string {
  const key = script.key!;
  if (key.create) {
    const usage = key.create.keyUsage ?? keyUsagesFor(key.create.keySpec as KeySpec)[0];
    return `would create a ${key.create.keySpec} ${usage} key with Origin EXTERNAL${key.create.alias ? ` as ${key.create.alias}` : ''}${key.create.multiRegion ? ' (multi-Region)' : ''}`;
  }
  return `would use ${key.id}${key.keySpec ? ` (must be ${key.keySpec})` : ''}; its state is checked with DescribeKey`;
}

async function checkParameters(script: CeremonyScript, now: Date): Promise<string> {
  const read = await readParametersInput(script.parameters!);
  const keySpec = read.keySpec ?? script.key?.keySpec ?? null;
  const algorithm = read.wrappingAlgorithm ?? script.wrapping?.algorithm ?? null;
  if (!keySpec || !algorithm || !isWrappingAlgorithm(algorithm)) {
    throw new AppError(
      'NEEDS_DETAILS',
      `This ${read.source} does not say the ${keySpec ? 'wrapping algorithm' : 'key spec'}.`,
      'Write key: { keySpec: ... } and wrapping: { algorithm: ... } as used on the online station.',
    );
  }
  const validity = parametersValidity(read.parametersValidTo, now);
  if (validity.expired || !read.parametersValidTo) {
    throw new AppError(
      'PARAMETERS_EXPIRED',
      read.parametersValidTo ? validity.message : `This ${read.source} does not say until when it is valid.`,
      'Fetch new import parameters on the online station (--until parameters) and carry the new bundle.',
    );
  }
  checkWrappingMatches(script.wrapping, algorithm, read.wrappingKeySpec);
  return `${read.source} of ceremony ${read.ceremonyId ?? '(none)'} · ${keySpec} · ${algorithm}/${read.wrappingKeySpec} · public key ${formatHash(read.publicKeySha256)} · ${validity.message}`;
}

async function checkFingerprint(script: CeremonyScript): Promise<string> {
  const read = await readParametersInput(script.parameters!);
  const comparison = compareFingerprintWords(
    Buffer.from(read.publicKeySha256, 'hex'),
    script.fingerprint!.heardWords!,
  );
  if (!comparison.match) {
    throw new AppError(
      'FINGERPRINT_MISMATCH',
      comparison.message,
      'Check the words against the online station.',
    );
  }
  return 'the words heard match the wrapping public key in the bundle';
}

async function checkResume(input: DryRunInput): Promise<string> {
  const dir = path.resolve(input.fromWrappedBundle!);
  const manifest = await readWrappedManifest(dir);
  const pending = await loadPending(input.dataDir, manifest.ceremonyId);
  if (pending.publicKeySha256 !== manifest.parameters.publicKeySha256) {
    throw new AppError(
      'BUNDLE_MISMATCH',
      `The wrapped bundle was made for wrapping public key ${manifest.parameters.publicKeySha256.slice(0, 16)}…, not the one saved for ceremony ${manifest.ceremonyId}.`,
      'Use the wrapped bundle made from this ceremony’s parameters bundle.',
    );
  }
  assertSameTarget(pending, describeTarget(input.script.target));
  const validity = parametersValidity(pending.parametersValidTo, input.now());
  if (validity.expired) {
    throw new AppError(
      'TOKEN_EXPIRED',
      validity.message,
      'Start again with --until parameters: new parameters, new wrap.',
    );
  }
  return `ceremony ${manifest.ceremonyId} · ${manifest.keySpec} · check value ${formatCheckValue(manifest.checkValue)} · saved parameters ${pendingPath(input.dataDir, manifest.ceremonyId)} · ${validity.message}`;
}

function describeOutput(output: string, mode: RunMode, dataDir: string): string {
  const writes: Record<RunMode, string> = {
    'one-go': 'the ceremony record',
    'until-parameters': `the parameters bundle (import token kept in ${path.join(dataDir, 'pending')})`,
    'offline-wrap': 'the wrapped bundle',
    'from-wrapped-bundle': 'the ceremony record',
  };
  if (existsSync(output)) {
    if (!statSync(output).isDirectory()) {
      throw new AppError('NOT_A_FOLDER', `${output} is a file, not a folder.`, 'Write output: <a folder>.');
    }
    return `would write ${writes[mode]} into ${output}`;
  }
  let ancestor = path.dirname(output);
  while (!existsSync(ancestor)) ancestor = path.dirname(ancestor);
  try {
    if (!statSync(ancestor).isDirectory()) throw new Error('not a folder');
    accessSync(ancestor, constants.W_OK);
  } catch {
    throw new AppError(
      'NOT_WRITABLE',
      `${output} cannot be created: ${ancestor} is not a writable folder.`,
      'Write another output: path, or fix the folder permissions.',
    );
  }
  return `would create ${output} and write ${writes[mode]} into it`;
}
