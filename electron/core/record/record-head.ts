import * as z from 'zod';
import { AppError } from '../errors';
import { RECORD_FORMAT } from './record-model';

/** The part of a ceremony record (`<ceremony>-record.json`) a transcript is checked against. */
export interface RecordedHead {
  ceremonyId: string;
  eventCount: number;
  headHash: string;
  closed: boolean;
}

// Built on first use (z.lazy): `kms-ceremony run` initialises every module it bundles on each start.
const RecordHeadSchema = z.lazy(() =>
  z.object({
    format: z.literal(RECORD_FORMAT),
    transcript: z.object({
      ceremonyId: z.string(),
      eventCount: z.number().int().min(1),
      headHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
      closed: z.boolean(),
    }),
  }),
);

/**
 * Reads the witnessed transcript head from a ceremony record's JSON (`transcript`: ceremony id, event count,
 * SHA-256 line hash of the last event, closed). Throws AppError('BAD_RECORD') naming what is wrong: not
 * JSON, not a record, a record written before records carried the head, or one made from a transcript that
 * was not intact (it cannot vouch for a head).
 */
export function readRecordedHead(bytes: Uint8Array, name: string): RecordedHead {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new AppError('BAD_RECORD', `${name} is not JSON.`, 'Pass the ceremony record’s .json file.');
  }
  const parsed = RecordHeadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'BAD_RECORD',
      `${name} is not a ceremony record with a transcript head (${issue?.path.join('.') || 'record'}: ${issue?.message}).`,
      'Pass the <ceremony>-record.json exported by this version of the app or `kms-ceremony run`.',
    );
  }
  const { headHash, ...rest } = parsed.data.transcript;
  if (headHash === null) {
    throw new AppError(
      'BAD_RECORD',
      `${name} was made from a transcript that was not intact, so it records no head to check against.`,
      'Verify the transcript with --public-key alone and compare it with the record’s verification section.',
    );
  }
  return { ...rest, headHash };
}
