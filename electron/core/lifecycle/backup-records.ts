/**
 * Which keys this station holds a backup record for: the planner's "backup exists" column. A backup made
 * or used in a ceremony (the custody issue: M-of-N shares of the material) is a transcript event that
 * carries its `backupId`; the key is the event's `keyArn` (or the record's `key`). Read-only; a damaged or
 * unreadable transcript is skipped here (the start screen's interrupted-ceremony list reports it), since the
 * planner's answer for one key is then at worst "none", never a wrong "recorded".
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readTranscript } from '../transcript/reader';

/** The key ID of an ARN (`arn:aws:kms:<region>:<account>:key/<id>`), or the value itself. */
export const bareKeyId = (keyRef: string) => /:key\/(.+)$/.exec(keyRef)?.[1] ?? keyRef;

/**
 * Bare key IDs (multi-Region keys share theirs across Regions, and so does their material) that have a
 * backup recorded in an intact transcript in `transcriptsDir` (`<ceremony>.<station>.jsonl`). An absent
 * directory means no records: an empty set.
 */
export async function keysWithBackup(transcriptsDir: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let names: string[];
  try {
    names = await fs.readdir(transcriptsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return keys;
    throw error;
  }
  for (const name of names.filter((n) => n.endsWith('.jsonl'))) {
    const { verification, lines } = readTranscript(await fs.readFile(path.join(transcriptsDir, name)));
    if (!verification.intact) continue;
    for (const { event } of lines) {
      const details = event?.details as Record<string, unknown> | undefined;
      if (!event || event.result !== 'ok' || typeof details?.backupId !== 'string') continue;
      const key = event.keyArn ?? (typeof details.key === 'string' ? details.key : null);
      if (key) keys.add(bareKeyId(key));
    }
  }
  return keys;
}
