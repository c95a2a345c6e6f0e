import { mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors';
import { readPassphraseFile, type Secret } from '../../core/crypto';
import type { CliIo } from '../command';
import { SPLIT_USAGE } from './usage';

import {
  loadMaterialArgs,
  MATERIAL_OPTIONS,
  parseCommandArgs,
  refuseExisting,
  required,
  writeNewFile,
} from '../crypto-cli';

const OPTIONS = {
  ...MATERIAL_OPTIONS,
  key: { type: 'string' },
  threshold: { type: 'string' },
  share: { type: 'string', multiple: true },
  'out-dir': { type: 'string' },
  'ceremony-id': { type: 'string' },
  'scrypt-work-factor': { type: 'string' },
} as const;

type Form =
  | { form: 'age-x25519'; recipient: string }
  | { form: 'age-passphrase'; passphrase: Secret }
  | { form: 'printed-sheet' };

export async function runSplit(args: string[], io: CliIo): Promise<number> {
  const custody = await import('../../core/custody');
  const { values } = parseCommandArgs(args, OPTIONS, SPLIT_USAGE);
  const key = required(values.key, 'key', SPLIT_USAGE);
  const outDir = required(values['out-dir'], 'out-dir', SPLIT_USAGE);
  const threshold = integer(values.threshold, 'threshold');
  const workFactor =
    values['scrypt-work-factor'] === undefined
      ? custody.DEFAULT_SCRYPT_WORK_FACTOR
      : integer(values['scrypt-work-factor'], 'scrypt-work-factor', 10, 22);
  const specs = (values.share as string[] | undefined) ?? [];
  custody.assertShape(threshold, specs.length);
  const parsed = specs.map(parseShareSpec);
  const names = custody.distinctCustodians(parsed.map((p) => p.custodian));
  const forms: Form[] = [];
  try {
    for (const [i, p] of parsed.entries()) {
      if (p.form === 'sheet') forms.push({ form: 'printed-sheet' });
      else if (p.form.startsWith('passphrase:'))
        forms.push({
          form: 'age-passphrase',
          passphrase: readPassphraseFile(p.form.slice('passphrase:'.length)),
        });
      else {
        await custody.checkRecipient(p.form, names[i]!.display);
        forms.push({ form: 'age-x25519', recipient: p.form });
      }
    }
    const { keySpec, loaded } = await loadMaterialArgs(values, SPLIT_USAGE);
    let backup;
    try {
      backup = await custody.splitMaterial({
        keySpec,
        material: loaded.material,
        key,
        threshold,
        total: specs.length,
        ...(typeof values['ceremony-id'] === 'string' ? { ceremonyId: values['ceremony-id'] } : {}),
      });
    } finally {
      loaded.material.wipe();
    }
    const { header, shares } = backup;
    const outputs: { path: string; data: Uint8Array; mode: number }[] = [];
    try {
      for (const [i, share] of shares.entries()) {
        const form = forms[i]!;
        const name = names[i]!.display;
        const base = join(outDir, custody.shareFileBase(header.backupId, i + 1, shares.length, name));
        const data =
          form.form === 'printed-sheet'
            ? await custody.renderShareSheetPdf(share, { custodian: name })
            : await custody.encryptShare(
                share,
                form.form === 'age-x25519'
                  ? { recipient: form.recipient }
                  : { passphrase: form.passphrase, workFactor },
                name,
              );
        outputs.push({ path: `${base}.${form.form === 'printed-sheet' ? 'pdf' : 'age'}`, data, mode: 0o600 });
      }
      const record = custody.backupRecordDetails(
        header,
        shares,
        forms.map((f, i) => ({
          index: i + 1,
          custodian: names[i]!.display,
          form: f.form,
          ...(f.form === 'age-x25519' ? { recipient: f.recipient } : {}),
        })),
      );
      outputs.push({
        path: join(outDir, `backup-${header.backupId}-record.json`),
        data: Buffer.from(`${JSON.stringify(record, null, 2)}\n`),
        mode: 0o644,
      });
      writeAll(outDir, outputs);
      io.stdout(
        `Backup ${header.backupId}: ${keySpec} material of ${key} split into ${shares.length} shares, any ${threshold} rebuild it.`,
      );
      io.stdout(`  check value ${header.checkValue.kind} ${header.checkValue.value}`);
      for (const [i, out] of outputs.entries()) {
        io.stdout(
          i < shares.length
            ? `  share ${i + 1} of ${shares.length} for ${names[i]!.display} (${forms[i]!.form}): ${out.path}`
            : `  record: ${out.path}`,
        );
      }
      return 0;
    } finally {
      for (const share of shares) share.bytes.wipe();
      for (const out of outputs) out.data.fill(0);
    }
  } finally {
    for (const f of forms) if (f.form === 'age-passphrase') f.passphrase.wipe();
  }
}

/** Writes every output or none: refuses existing files first, removes what it wrote if one write fails. */
function writeAll(outDir: string, outputs: { path: string; data: Uint8Array; mode: number }[]): void {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  for (const out of outputs) refuseExisting(out.path);
  const written: string[] = [];
  try {
    for (const out of outputs) {
      writeNewFile(out.path, out.data, out.mode);
      written.push(out.path);
    }
  } catch (error) {
    for (const path of written) unlinkSync(path);
    throw error;
  }
}

function parseShareSpec(spec: string): { custodian: string; form: string } {
  const at = spec.indexOf('=');
  const custodian = at > 0 ? spec.slice(0, at) : '';
  const form = at > 0 ? spec.slice(at + 1).trim() : '';
  if (!custodian.trim() || !(form === 'sheet' || form.startsWith('age1') || form.startsWith('passphrase:'))) {
    throw new AppError(
      'USAGE',
      `--share "${spec.slice(0, 40)}" should read <custodian>=age1…, <custodian>=passphrase:<file> or <custodian>=sheet.`,
      'For example: --share "Carol Custodian=age1ql3z…" --share "Dave=passphrase:./dave.pass" --share "Erin=sheet".',
    );
  }
  return { custodian, form };
}

function integer(value: unknown, flag: string, min = 2, max = 9): number {
  const text = required(value, flag, SPLIT_USAGE);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new AppError(
      'USAGE',
      `--${flag} ${text} is not a whole number from ${min} to ${max}.`,
      SPLIT_USAGE,
    );
  }
  return n;
}
