/**
 * A ceremony stopped at the air gap (`--until parameters`) keeps its import parameters — the import token
 * included — on the online station, in `<data-dir>/pending/<ceremonyId>.json` (mode 0600, never on the
 * removable media), until `--from wrapped-bundle` resumes it. The token is not key material (KMS binds it to
 * the wrapping key pair and it expires in 24 h), so it is stored as base64.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { assertPathId } from '../path-ids';
import { AppError } from '../errors';
import { AWS_REGION_NAME } from '../../shared/region-name';

const FORMAT = 'kms-ceremony/pending-parameters';
const base64 = () => z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

// Built on first use (z.lazy), as every schema that only some ceremonies need: `kms-ceremony run`
// initialises every module it bundles on each start, and an online ceremony never reads this file.
const PendingSchema = z.lazy(() =>
  z.strictObject({
    format: z.literal(FORMAT),
    version: z.literal(1),
    ceremonyId: z.string().min(1),
    savedAt: z.iso.datetime({ offset: true }),
    /** Where the key lives (`emulator <endpoint>` or `aws <region>`): the resume must connect to the same. */
    target: z.string().min(1),
    keyId: z.string().min(1),
    keyArn: z.string().min(1),
    wrappingAlgorithm: z.string().min(1),
    wrappingKeySpec: z.string().min(1),
    publicKey: base64(),
    importToken: base64(),
    publicKeySha256: z.string().regex(/^[0-9a-f]{64}$/),
    parametersValidTo: z.iso.datetime({ offset: true }),
    /** A multi-Region key's other Regions (air-gap-regions.ts), each with its own token. */
    otherRegions: z
      .array(
        z.strictObject({
          region: z.string().regex(AWS_REGION_NAME),
          keyArn: z.string().min(1),
          publicKey: base64(),
          importToken: base64(),
          publicKeySha256: z.string().regex(/^[0-9a-f]{64}$/),
          parametersValidTo: z.iso.datetime({ offset: true }),
        }),
      )
      .optional(),
  }),
);
export type PendingParameters = z.infer<typeof PendingSchema>;

export function pendingPath(dataDir: string, ceremonyId: string): string {
  assertPathId('ceremony id', ceremonyId, 'the saved import parameters');
  return path.join(dataDir, 'pending', `${ceremonyId}.json`);
}

export async function savePending(dataDir: string, pending: Omit<PendingParameters, 'format' | 'version'>) {
  const file = pendingPath(dataDir, pending.ceremonyId);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const body: PendingParameters = { format: FORMAT, version: 1, ...pending };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { flag: 'wx', mode: 0o600 }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new AppError(
        error.code === 'EEXIST' ? 'FILE_EXISTS' : 'WRITE_FAILED',
        `Could not save the import parameters to ${file} (${error.code ?? error.message}).`,
        'Check the station data folder (--data-dir) is writable; nothing was overwritten.',
      );
    },
  );
  return file;
}

export async function loadPending(dataDir: string, ceremonyId: string): Promise<PendingParameters> {
  const file = pendingPath(dataDir, ceremonyId);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new AppError(
      'NO_PENDING_CEREMONY',
      `This station has no saved import parameters for ceremony ${ceremonyId} (looked for ${file}).`,
      'Resume on the online station that ran `--until parameters`, with the same --data-dir; the import token never leaves it.',
    );
  });
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    throw new AppError(
      'PENDING_EXPOSED',
      `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}).`,
      `Run chmod 600 ${file}, then resume; and check nobody else used this import token.`,
    );
  }
  let parsed;
  try {
    parsed = PendingSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) {
    throw new AppError(
      'PENDING_CORRUPT',
      `${file} is not a saved-parameters file this version can read.`,
      'Start the ceremony again with `--until parameters` (new parameters, new bundle).',
    );
  }
  return parsed.data;
}

export async function removePending(dataDir: string, ceremonyId: string): Promise<void> {
  await rm(pendingPath(dataDir, ceremonyId), { force: true });
}

/** The key and its token live where the parameters were fetched: the resume must connect there. */
export function assertSameTarget(pending: PendingParameters, target: string): void {
  if (pending.target !== target) {
    throw new AppError(
      'TARGET_MISMATCH',
      `Ceremony ${pending.ceremonyId} fetched its parameters from ${pending.target}, but this script targets ${target}.`,
      'Resume with the online script used for --until parameters.',
    );
  }
}
