/**
 * The custody keys of a ceremony script (issue 11, see custody-schema.ts), carried out through the same
 * session steps as the app: `material: { components }` (each custodian's file and check value),
 * `material: { shares }` (sheets, or age files with their identity or passphrase file) and `backup:`
 * (shares to age recipients, passphrases or printed sheets, written under `output/backup/`, 0600).
 * Secrets read from files live in wiped buffers; what is printed is names, check values and share numbers.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readPassphraseFile, readSecretFile, type Secret } from '../crypto';
import { readIdentityFile } from '../custody';
import type { MaterialInfo } from '../../shared/ipc-contract';
import type { CeremonySession } from '../ceremony/session';
import type { ShareRequest } from '../ceremony/steps/backup';
import { formatCheckValue } from '../../shared/display/hash-format';
import type { CeremonyScript } from './schema';
import type { StepPrinter } from './step-printer';

type Material = NonNullable<CeremonyScript['material']>;

const describeMaterial = (m: MaterialInfo) =>
  `${m.length} bytes · ${m.formatFound} · check value ${formatCheckValue(m.checkValue)}`;

/** Components: begin with every custodian named, one step per component, then the XOR. */
export async function enterComponents(
  s: CeremonySession,
  steps: StepPrinter,
  components: NonNullable<Material['components']>,
): Promise<MaterialInfo> {
  await steps.step(
    'material.components-begun',
    () => s.beginComponents({ custodians: components.map((c) => c.custodian) }),
    () => `${components.length} custodians: ${components.map((c) => c.custodian).join(', ')}`,
  );
  for (const c of components) {
    await steps.step(
      'material.component-entered',
      () => s.submitComponent({ custodian: c.custodian, file: c.file, checkValue: c.checkValue }),
      (r) => `${r.custodian} · component check value ${r.checkValue} · ${r.entered} of ${r.total}`,
    );
  }
  return steps.step('material.combined', () => s.combineComponents(), describeMaterial);
}

/** Shares: each read and checked as it comes; the material is rebuilt and checked before it is held. */
export async function restoreFromShares(
  s: CeremonySession,
  steps: StepPrinter,
  shares: NonNullable<Material['shares']>,
): Promise<MaterialInfo> {
  await steps.step(
    'material.restore-begun',
    () => s.beginRestore({}),
    () => `${shares.length} shares given`,
  );
  for (const [i, given] of shares.entries()) {
    const custodian = given.custodian ?? `custodian ${i + 1}`;
    await steps.step(
      'material.share-received',
      () => submitOne(s, custodian, given),
      (r) => `${r.custodian} · ${r.share} of backup ${r.backupId}`,
    );
  }
  return steps.step('material.restored', () => s.restoreFromShares(), describeMaterial);
}

async function submitOne(
  s: CeremonySession,
  custodian: string,
  given: NonNullable<Material['shares']>[number],
) {
  if (given.sheet) {
    const text = readSecretFile(given.sheet);
    try {
      return await s.submitShare({ custodian, text });
    } finally {
      text.fill(0);
    }
  }
  const secret: Secret = given.identity
    ? readIdentityFile(given.identity)
    : readPassphraseFile(given.passphraseFile!);
  try {
    return await s.submitShare({
      custodian,
      ageFile: given.age!,
      unlock: given.identity ? { identity: secret } : { passphrase: secret },
    });
  } finally {
    secret.wipe();
  }
}

/** `backup:`: one file per custodian under `<output>/backup/` (0600, never overwriting). */
export async function backUp(
  s: CeremonySession,
  steps: StepPrinter,
  backup: NonNullable<CeremonyScript['backup']>,
  output: string,
): Promise<string[]> {
  const folder = path.join(output, 'backup');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const passphrases: Secret[] = [];
  try {
    const shares: ShareRequest[] = backup.shares.map((b) => {
      if (b.recipient) return { custodian: b.custodian, form: 'age-x25519', recipient: b.recipient };
      if (b.passphraseFile) {
        const passphrase = readPassphraseFile(b.passphraseFile);
        passphrases.push(passphrase);
        return { custodian: b.custodian, form: 'age-passphrase', passphrase };
      }
      // A script cannot print interactively: its sheets are saved (0600) and recorded as such.
      return { custodian: b.custodian, form: 'sheet-file' };
    });
    const made = await steps.step(
      'material.backed-up',
      () => s.makeBackup({ threshold: backup.threshold, shares }, folder),
      (m) =>
        `backup ${m.backupId} · ${m.threshold} of ${m.total} · ${m.checkValue} · ${m.shares.map((x) => `share ${x.index} → ${x.custodian} (${x.form})`).join(', ')}`,
    );
    return made.shares.flatMap((x) => (x.file ? [path.join(folder, x.file)] : []));
  } finally {
    for (const p of passphrases) p.wipe();
  }
}
