/**
 * Step Material, reimport from backup (issue 11): M custodians each bring their share (the sheet's text,
 * typed or scanned from its QR code, or their age file with their identity or passphrase); each share is
 * checked against the selected key and the shares already given as it arrives, and the rebuilt material is
 * checked against the check value the backup recorded (and the one on the key's record, when the officers
 * typed it) before it is held — so nothing is sent to KMS unless it is the backed-up material. Then the
 * usual parameters → wrap → approval → import → proof; KMS's same-material rule is the final proof.
 */
import { basename } from 'node:path';
import {
  combineShares,
  decryptShare,
  parseCheckValueText,
  parseShareText,
  restoreRecordDetails,
  shareLabel,
  shareSha256,
  type AgeUnlock,
  type Share,
} from '../../custody';
import { readSecretFile, secretFromTyped, type Secret } from '../../crypto';
import { AppError } from '../../errors';
import type { MaterialInfo } from '../../../shared/ipc-contract';
import { clearCustodyEntry, type ShareEntry } from '../custody-state';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { requireKey, runStep, type CeremonyState } from '../state';
import { materialDetails } from '../transcript-details';
import { adoptMaterial } from './material';

/**
 * Opens share entry for the selected key. `checkValue`: the material's check value as written on the key's
 * record (6 hex digits, or the SPKI SHA-256 for asymmetric keys), optional; when given, a share of other
 * material is refused at once. Errors: the policy's codes (NO_KEY, MATERIAL_EXISTS…), BAD_CHECK_VALUE.
 */
export async function beginRestore(
  s: CeremonyState,
  req: { checkValue?: string | null; replace?: boolean },
): Promise<void> {
  enforce(policyFacts(s), 'material.restore', req.replace ? { confirmed: true } : null);
  const key = requireKey(s);
  const typed = req.checkValue?.trim() ? req.checkValue.trim() : null;
  const expectedCheckValue =
    typed === null
      ? null
      : /^[0-9a-f]{64}$/i.test(typed)
        ? typed.toUpperCase()
        : parseCheckValueText(typed, "the key record's check value");
  await runStep(s, 'material.restore-begun', { keySpec: key.keySpec, expectedCheckValue }, () => {
    clearCustodyEntry(s.custody);
    s.custody.entry = {
      kind: 'shares',
      keyId: key.keyId,
      keySpec: key.keySpec,
      expectedCheckValue,
      shares: [],
      replace: req.replace === true,
    };
  });
}

function requireShareEntry(s: CeremonyState): ShareEntry {
  const entry = s.custody.entry;
  if (entry?.kind !== 'shares' || entry.keyId !== s.key?.keyId) {
    throw new AppError(
      'NO_SHARE_ENTRY',
      'No reimport from backup is open for this key.',
      'Choose “Reimport from backup” for the key first (start screen or step Key).',
    );
  }
  return entry;
}

/** One custodian's share: the sheet's text (typed or its QR code's text), or an age file and its unlock. */
export type ShareSubmission = { custodian: string } & (
  | { text: string | Uint8Array }
  | { ageFile: string; unlock: { identity: string | Secret } | { passphrase: string | Secret } }
);

/**
 * Reads one share and checks it before keeping it: a share of this key and key spec, of the same backup as
 * the shares already given, not given twice, and of the material on the key's record (when typed). Refused
 * shares are wiped and change nothing. Returns which share it is; never its bytes.
 */
export async function submitShare(
  s: CeremonyState,
  req: ShareSubmission,
): Promise<{ custodian: string; share: string; backupId: string; entered: number; threshold: number }> {
  const entry = requireShareEntry(s);
  const key = requireKey(s);
  const custodian = req.custodian.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (!custodian)
    throw new AppError('BAD_CUSTODIAN', 'The custodian bringing the share is not named.', 'Type their name.');
  return runStep(
    s,
    'material.share-received',
    { custodian, from: 'text' in req ? 'typed or scanned sheet' : `age file ${basename(req.ageFile)}` },
    async () => {
      const share = await readShare(req, custodian);
      try {
        checkShare(entry, key, share);
      } catch (error) {
        share.bytes.wipe();
        throw error;
      }
      entry.shares.push({ custodian, share });
      return {
        custodian,
        share: shareLabel(share.header),
        backupId: share.header.backupId,
        shareSha256: shareSha256(share),
        entered: entry.shares.length,
        threshold: share.header.threshold,
      };
    },
    (r) => ({ backupId: r.backupId, share: r.share, shareSha256: r.shareSha256 }),
  ).then(({ shareSha256: _digest, ...shown }) => shown);
}

async function readShare(req: ShareSubmission, custodian: string): Promise<Share> {
  if ('text' in req) {
    const typed = typeof req.text === 'string' ? secretFromTyped(req.text) : null;
    try {
      return typed
        ? typed.use((bytes) => parseShareText(bytes, `the share typed for ${custodian}`))
        : parseShareText(req.text as Uint8Array, `the share given by ${custodian}`);
    } finally {
      typed?.wipe();
    }
  }
  const file = readSecretFile(req.ageFile);
  const given = 'identity' in req.unlock ? req.unlock.identity : req.unlock.passphrase;
  const secret = typeof given === 'string' ? secretFromTyped(given) : given;
  try {
    const unlock: AgeUnlock = 'identity' in req.unlock ? { identity: secret } : { passphrase: secret };
    return await decryptShare(file, unlock, basename(req.ageFile), custodian);
  } finally {
    file.fill(0);
    if (typeof given === 'string') secret.wipe();
  }
}

/** The share belongs to this key, this backup, this material; it is not a second copy. */
function checkShare(entry: ShareEntry, key: ReturnType<typeof requireKey>, share: Share): void {
  const h = share.header;
  const label = shareLabel(h);
  const names = [key.arn, key.keyId, ...key.aliases];
  if (!names.includes(h.key)) {
    throw new AppError(
      'SHARE_OTHER_KEY',
      `${label} is a share of key ${h.key}, not of this ceremony's key ${key.arn}.`,
      `Bring the share sheet or file made for ${key.aliases[0] ?? key.arn}; nothing was kept.`,
    );
  }
  if (h.keySpec !== entry.keySpec) {
    throw new AppError(
      'SHARE_OTHER_KEY',
      `${label} holds ${h.keySpec} material; this key is ${entry.keySpec}.`,
      `Bring a share of this ${entry.keySpec} key; nothing was kept.`,
    );
  }
  if (entry.expectedCheckValue && h.checkValue.value !== entry.expectedCheckValue) {
    throw new AppError(
      'SHARE_OTHER_MATERIAL',
      `${label} is a share of material with check value ${h.checkValue.value}, but the key's record says ${entry.expectedCheckValue}.`,
      'Bring the shares of the backup made for the material this key holds (compare the check value on the sheet with the record); nothing was kept.',
    );
  }
  const first = entry.shares[0]?.share.header;
  if (first && h.backupId !== first.backupId) {
    throw new AppError(
      'SHARE_OTHER_BACKUP',
      `${label} belongs to backup ${h.backupId}, but the shares given so far belong to backup ${first.backupId}; shares of two backups cannot be combined.`,
      `Bring a share of backup ${first.backupId} (the backup id is printed at the top of each sheet); nothing was kept.`,
    );
  }
  const twice = entry.shares.find((x) => x.share.header.index === h.index);
  if (twice) {
    throw new AppError(
      'DUPLICATE_SHARE',
      `${label} was already given by ${twice.custodian}.`,
      'Each custodian brings their own share; nothing was kept.',
    );
  }
}

/**
 * Rebuilds the material from the shares given (at least M of one backup), verifies it against the backup's
 * check value and the key's record, and holds it as the material in force. The shares are wiped; on any
 * refusal (too few shares, a damaged share named by number) the shares stay so another custodian can add
 * theirs. Errors: TOO_FEW_SHARES, SHARES_DISAGREE, SHARE_MISMATCH, CHECK_VALUE_MISMATCH, the policy's codes.
 */
export async function restoreFromShares(s: CeremonyState): Promise<MaterialInfo> {
  const entry = requireShareEntry(s);
  enforce(policyFacts(s), 'material.restore', entry.replace ? { confirmed: true } : null);
  const imported = [...s.imports].reverse().find((i) => i.keyId === entry.keyId)?.checkValue ?? null;
  return runStep(
    s,
    'material.restored',
    { keySpec: entry.keySpec, custodians: entry.shares.map((x) => x.custodian) },
    async () => {
      const shares = entry.shares.map((x) => x.share);
      const result = await combineShares(shares, { keySpec: entry.keySpec });
      const expected = entry.expectedCheckValue ?? imported;
      if (expected && result.checkValue.value !== expected) {
        result.material.wipe();
        throw new AppError(
          'CHECK_VALUE_MISMATCH',
          `The shares rebuild material with check value ${result.checkValue.value}, but this key's material has check value ${expected}.`,
          'Nothing was sent to KMS. Bring the shares of the backup of this key’s material.',
        );
      }
      const used = shares.filter((sh) => result.used.includes(sh.header.index));
      const record = restoreRecordDetails(result.header, used);
      const info = adoptMaterial(s, entry.keySpec, result.material, {
        source: 'backup',
        fileName: null,
        formatFound: `${result.used.length} of ${result.header.total} shares of backup ${result.header.backupId}`,
        notes: [
          `Rebuilt from shares ${result.used.join(', ')} of backup ${result.header.backupId} (threshold ${result.header.threshold}), given by ${entry.shares.map((x) => x.custodian).join(', ')}; check value ${result.checkValue.value} matches the backup.`,
        ],
      });
      clearCustodyEntry(s.custody);
      return { info, record };
    },
    ({ info, record }) => ({ ...materialDetails(info), ...record }),
  ).then(({ info }) => info);
}
