/** Step Material: generates or loads the key material (a wiped Secret) and describes it by its check value. */
import path from 'node:path';
import {
  checkValue,
  generateKeyMaterial as generate,
  loadKeyMaterial as load,
  publicKeyFromMaterial,
  readSecretFile,
  Secret,
  secretFromTyped,
  type KeySpec,
  type MaterialFormat,
} from '../../crypto';
import { AppError } from '../../errors';
import type { MaterialInfo } from '../../../shared/ipc-contract';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { clearMaterial, requireKey, runStep, sha256, type CeremonyState } from '../state';
import { materialDetails } from '../transcript-details';

/**
 * Replacing material already held needs `replace: true` (policy guard replace-material); the event then
 * names the check value replaced, and its own check value is the one in force.
 */
function replacing(
  s: CeremonyState,
  action: 'material.generate' | 'material.load',
  replace?: boolean,
): { replacesCheckValue?: string } {
  const replaced = s.material?.info.checkValue.value ?? null;
  enforce(policyFacts(s), action, replace ? { confirmed: true } : null);
  return replaced ? { replacesCheckValue: replaced } : {};
}

export async function generateKeyMaterial(s: CeremonyState, replace?: boolean): Promise<MaterialInfo> {
  const replaces = replacing(s, 'material.generate', replace);
  const key = requireKey(s);
  return runStep(
    s,
    'material.generated',
    { keySpec: key.keySpec, ...replaces },
    async () => {
      const secret = await generate(key.keySpec);
      return adoptMaterial(s, key.keySpec, secret, {
        source: 'generated',
        fileName: null,
        formatFound: 'generated',
        notes: [],
      });
    },
    materialDetails,
  );
}

/**
 * `passphrase` as a Secret (read from a file by a script; the caller wipes it) never becomes a string;
 * `passphraseNotes`: how its file was converted (secret-text.ts), recorded with the material's notes.
 */
export async function loadKeyMaterial(
  s: CeremonyState,
  filePath: string,
  format: MaterialFormat,
  passphrase: string | Secret | null,
  { replace, passphraseNotes = [] }: { replace?: boolean; passphraseNotes?: string[] } = {},
): Promise<MaterialInfo> {
  const replaces = replacing(s, 'material.load', replace);
  const key = requireKey(s);
  return runStep(
    s,
    'material.loaded',
    { keySpec: key.keySpec, fileName: path.basename(filePath), format, ...replaces },
    async () => {
      const file = readSecretFile(filePath);
      const own = typeof passphrase === 'string' && passphrase ? secretFromTyped(passphrase) : undefined;
      const pass = passphrase instanceof Secret ? passphrase : own;
      try {
        const loaded = await load(file, { keySpec: key.keySpec, format, passphrase: pass }).catch(
          (error: unknown) => {
            throw namingFile(error, path.basename(filePath));
          },
        );
        return adoptMaterial(s, key.keySpec, loaded.material, {
          source: 'file',
          fileName: path.basename(filePath),
          formatFound: loaded.formatFound,
          notes: [...passphraseNotes, ...loaded.notes],
        });
      } finally {
        file.fill(0);
        own?.wipe();
      }
    },
    materialDetails,
  );
}

/** Makes `secret` the material in force (wiping what was held); the caller has enforced the policy. */
export function adoptMaterial(
  s: CeremonyState,
  keySpec: KeySpec,
  secret: Secret,
  origin: Pick<MaterialInfo, 'source' | 'fileName' | 'formatFound' | 'notes'>,
): MaterialInfo {
  const cv = checkValue(keySpec, secret);
  const spki = publicKeyFromMaterial(keySpec, secret);
  const info: MaterialInfo = {
    keySpec,
    ...origin,
    length: secret.length,
    checkValue: { kind: cv.kind, value: cv.value, legacyEcbKcv: cv.legacyEcbKcv ?? null },
    publicKeySha256: spki ? sha256(spki) : null,
  };
  clearMaterial(s);
  s.material = { secret, info };
  return info;
}

export async function clearKeyMaterial(s: CeremonyState): Promise<void> {
  const had = s.material?.info;
  clearMaterial(s);
  if (had)
    await s.log?.record({
      action: 'material.cleared',
      result: 'info',
      keyArn: s.key?.arn || null,
      details: { keySpec: had.keySpec },
    });
}

/** A refusal of a file names the file first, so the people at the table know which one is at fault. */
function namingFile(error: unknown, fileName: string): unknown {
  if (!(error instanceof AppError) || error.message.includes(fileName)) return error;
  return new AppError(error.code, `${fileName}: ${error.message}`, error.hint);
}
