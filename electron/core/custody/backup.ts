import { randomBytes } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { AppError } from '../errors';
import { checkValue, Secret, type CheckValue, type KeySpec } from '../crypto';
import { MAX_LINES, BYTES_PER_LINE } from './share-text';
import { MAX_SHARES, MIN_SHARES, shareLabel, type BackupHeader, type Share } from './share';

/**
 * M-of-N backup of key material (escrow) with Shamir secret sharing over GF(2^8), by the audited
 * `shamir-secret-sharing` package (Cure53 and Zellic audits; no polynomial code of ours). The library does
 * not verify what it rebuilds, so `combineShares` checks the rebuilt material against the check value the
 * backup recorded, and when more than M shares are given finds the share that disagrees with the others.
 */
export interface SplitRequest {
  keySpec: KeySpec;
  material: Secret;
  /** Key ARN or alias the material belongs to. */
  key: string;
  ceremonyId?: string;
  threshold: number;
  total: number;
}

export interface Backup {
  header: BackupHeader;
  /** N shares, share i at position i−1; the caller wipes each `bytes`. */
  shares: Share[];
}

/** Splits `material` into N shares, any M of which rebuild it. Errors: BACKUP_SHAPE, BAD_MATERIAL. */
export async function splitMaterial(request: SplitRequest): Promise<Backup> {
  const { keySpec, material, threshold, total } = request;
  assertShape(threshold, total);
  if (material.length + 1 > MAX_LINES * BYTES_PER_LINE) {
    throw new AppError(
      'BACKUP_SHAPE',
      `${material.length}-byte material is too long to back up in shares.`,
      '',
    );
  }
  const check = checkValue(keySpec, material); // also validates the material for the key spec
  const id = randomBytes(8).toString('hex').toUpperCase();
  const header: BackupHeader = {
    backupId: id.match(/.{4}/g)!.join('-'),
    ...(request.ceremonyId ? { ceremonyId: request.ceremonyId } : {}),
    key: request.key,
    keySpec,
    checkValue: { kind: check.kind, value: check.value },
    threshold,
    total,
    shareBytes: material.length + 1,
  };
  // A private copy for the library: `use` lends bytes synchronously only.
  const input = material.use((bytes) => new Uint8Array(bytes));
  let raw: Uint8Array[] = [];
  try {
    raw = await split(input, total, threshold);
    return {
      header,
      shares: raw.map((bytes, i) => ({ header: { ...header, index: i + 1 }, bytes: Secret.copyOf(bytes) })),
    };
  } finally {
    input.fill(0);
    for (const r of raw) r.fill(0);
  }
}

export function assertShape(threshold: number, total: number): void {
  if (
    !Number.isInteger(threshold) ||
    !Number.isInteger(total) ||
    threshold < MIN_SHARES ||
    total > MAX_SHARES ||
    threshold > total
  ) {
    throw new AppError(
      'BACKUP_SHAPE',
      `A backup of ${total} shares with threshold ${threshold} is not possible here.`,
      `Choose 2 ≤ threshold (M) ≤ shares (N) ≤ ${MAX_SHARES}, e.g. 2 of 3 or 3 of 5.`,
    );
  }
}

export interface CombineExpectation {
  /** The key the officers are restoring (ARN or alias as recorded): a share for another key is refused. */
  key?: string;
  keySpec?: KeySpec;
  /** The backup the transcript recorded. */
  backupId?: string;
}

/**
 * Rebuilds the material from at least M shares of one backup and verifies it against the recorded check
 * value before returning it (in a Secret the caller wipes). Refuses, naming the share: fewer than M shares,
 * shares of different backups or keys, the same share twice, a share that contradicts its backup's header,
 * and a damaged share ("share 2 of 5 does not match the others" — found by leaving shares out in turn when
 * more than M are given). The shares are not wiped (the caller owns them).
 */
export async function combineShares(
  shares: readonly Share[],
  expect: CombineExpectation = {},
): Promise<{ material: Secret; checkValue: CheckValue; header: BackupHeader; used: number[] }> {
  if (shares.length === 0)
    throw new AppError('NO_SHARES', 'No shares were given.', 'Bring the shares of M custodians.');
  const first = shares[0]!.header;
  assertSameBackup(shares, expect);
  const seen = new Map<number, Share>();
  for (const share of shares) {
    if (seen.has(share.header.index)) {
      throw new AppError(
        'DUPLICATE_SHARE',
        `${shareLabel(share.header)} was given twice.`,
        'Each custodian brings their own share; remove the second copy.',
      );
    }
    seen.set(share.header.index, share);
  }
  if (shares.length < first.threshold) {
    throw new AppError(
      'TOO_FEW_SHARES',
      `This backup needs ${first.threshold} of its ${first.total} shares; ${shares.length} ${shares.length === 1 ? 'was' : 'were'} given (${listed(shares)}).`,
      `Bring ${first.threshold - shares.length} more custodian${first.threshold - shares.length > 1 ? 's' : ''} with their share; nothing was rebuilt.`,
    );
  }
  const all = [...shares];
  const whole = await rebuild(all);
  if (whole.ok)
    return {
      material: whole.material,
      checkValue: whole.checkValue,
      header: stripIndex(first),
      used: indices(all),
    };
  if (all.length === first.threshold) {
    throw new AppError(
      'SHARES_DISAGREE',
      `The ${all.length} shares (${listed(all)}) do not rebuild the backed-up material (check value ${first.checkValue.value}); one of them is damaged or belongs to another split.`,
      'Bring one more custodian with their share, so the share that does not match the others can be found.',
    );
  }
  const odd = await findOddShares(all, first.threshold);
  if (odd.length === 0) {
    throw new AppError(
      'SHARES_DISAGREE',
      `No ${first.threshold} of the ${all.length} shares given rebuild the backed-up material (check value ${first.checkValue.value}); several are damaged or from another split.`,
      'Check each share against its sheet or file and try again.',
    );
  }
  const names = odd.map((s) => shareLabel(s.header));
  throw new AppError(
    'SHARE_MISMATCH',
    `${names.join(' and ')} ${odd.length > 1 ? 'do' : 'does'} not match the others: the remaining shares rebuild the material with the recorded check value, ${odd.length > 1 ? 'these do' : 'this one does'} not.`,
    `Leave ${names.join(' and ')} out (and have its custodian check it), then combine the others again.`,
  );
}

function assertSameBackup(shares: readonly Share[], expect: CombineExpectation): void {
  const first = shares[0]!.header;
  for (const { header } of shares) {
    const label = shareLabel(header);
    if (expect.key !== undefined && header.key !== expect.key) {
      throw new AppError(
        'SHARE_OTHER_KEY',
        `${label} is a share of key ${header.key}, not of ${expect.key}.`,
        `Bring the share sheet or file made for ${expect.key}.`,
      );
    }
    if (expect.keySpec !== undefined && header.keySpec !== expect.keySpec) {
      throw new AppError(
        'SHARE_OTHER_KEY',
        `${label} holds ${header.keySpec} material; this key is ${expect.keySpec}.`,
        `Bring a share of this ${expect.keySpec} key.`,
      );
    }
    if (expect.backupId !== undefined && header.backupId !== expect.backupId) {
      throw new AppError(
        'SHARE_OTHER_BACKUP',
        `${label} belongs to backup ${header.backupId}, not to backup ${expect.backupId}.`,
        `Bring the shares of backup ${expect.backupId}.`,
      );
    }
    if (header.backupId !== first.backupId) {
      throw new AppError(
        'SHARE_OTHER_BACKUP',
        `${label} belongs to backup ${header.backupId}, but ${shareLabel(first)} belongs to backup ${first.backupId}; shares of two backups cannot be combined.`,
        'Bring shares of one backup only (the backup id is printed at the top of each sheet).',
      );
    }
    const fields = ['key', 'keySpec', 'threshold', 'total', 'shareBytes', 'ceremonyId'] as const;
    const differs =
      fields.find((f) => header[f] !== first[f]) ??
      (header.checkValue.value !== first.checkValue.value || header.checkValue.kind !== first.checkValue.kind
        ? 'checkValue'
        : undefined);
    if (differs) {
      throw new AppError(
        'SHARE_HEADER_MISMATCH',
        `${label} and ${shareLabel(first)} name the same backup ${first.backupId} but differ in ${differs}; one of them was altered.`,
        'Check both sheets or files against the backup record; leave out the one that differs.',
      );
    }
  }
}

type Rebuilt = { ok: true; material: Secret; checkValue: CheckValue } | { ok: false };

async function rebuild(shares: readonly Share[]): Promise<Rebuilt> {
  const header = shares[0]!.header;
  const inputs = shares.map((s) => s.bytes.use((b) => new Uint8Array(b)));
  let raw: Uint8Array | undefined;
  try {
    raw = await combine(inputs);
    const material = Secret.copyOf(raw);
    let check: CheckValue | undefined;
    try {
      check = checkValue(header.keySpec, material);
    } catch {
      check = undefined; // not even valid material for the key spec: a damaged share
    }
    if (check && check.kind === header.checkValue.kind && check.value === header.checkValue.value) {
      return { ok: true, material, checkValue: check };
    }
    material.wipe();
    return { ok: false };
  } catch {
    return { ok: false }; // the library refuses e.g. two shares with the same x coordinate
  } finally {
    raw?.fill(0);
    for (const input of inputs) input.fill(0);
  }
}

/** The shares outside a subset of M that rebuilds correctly and that fail when swapped into it. */
async function findOddShares(shares: Share[], threshold: number): Promise<Share[]> {
  for (const subset of subsets(shares, threshold)) {
    const good = await rebuild(subset);
    if (!good.ok) continue;
    good.material.wipe();
    const odd: Share[] = [];
    for (const other of shares.filter((s) => !subset.includes(s))) {
      const trial = await rebuild([...subset.slice(1), other]);
      if (trial.ok) trial.material.wipe();
      else odd.push(other);
    }
    return odd;
  }
  return [];
}

function* subsets<T>(items: T[], size: number, from = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - size; i++) {
    for (const rest of subsets(items, size - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

function indices(shares: readonly Share[]): number[] {
  return shares.map((s) => s.header.index).sort((a, b) => a - b);
}

/** "share 1, share 4" */
function listed(shares: readonly Share[]): string {
  return indices(shares)
    .map((i) => `share ${i}`)
    .join(', ');
}

function stripIndex(header: Share['header']): BackupHeader {
  const { index: _index, ...rest } = header;
  return rest;
}
