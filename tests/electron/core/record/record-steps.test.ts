/**
 * record-steps.ts: the steps the record worker drafts from a transcript as it grows are those the record
 * has once the transcript is verified; a line still being written, or one that is not an event, is skipped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCeremonyRecord } from '../../../../electron/core/record';
import { draftSteps, recordKeyArn } from '../../../../electron/core/record/record-steps';
import { realisticCeremony } from '../transcript/fixtures';
import { ARN, regeneratedCeremony } from './fixtures';

let merged: Awaited<ReturnType<typeof realisticCeremony>>;
beforeAll(async () => {
  merged = await realisticCeremony();
});

describe('draftSteps', () => {
  it("a whole transcript's steps equal the record's, an offline segment's just before its merge", () => {
    const record = buildCeremonyRecord(merged.onlineText, {
      trustedKeys: [merged.online.publicKey, merged.offline.publicKey],
    });
    expect(record.steps.some((s) => s.station === 'offline')).toBe(true);
    expect(draftSteps(merged.onlineText)).toEqual(record.steps);
  });

  it('reads complete lines only, and skips lines that are not events', () => {
    const lines = merged.onlineText.split('\n').filter(Boolean);
    const all = draftSteps(merged.onlineText);
    const firstThree = draftSteps(`${lines.slice(0, 3).join('\n')}\n`);
    expect(firstThree).toEqual(all.slice(0, 3));
    // The fourth line half-written: not read yet.
    expect(draftSteps(`${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 40)}`)).toEqual(firstThree);
    expect(draftSteps(`${lines[0]}\nnot json\n[1,2]\n{"no":"action"}\n${lines[1]}\n`)).toEqual(
      all.slice(0, 2),
    );
    expect(draftSteps('')).toEqual([]);
  });
});

describe('recordKeyArn', () => {
  it("is the record summary's key: the key material was imported into, else the last key named", async () => {
    const c = await regeneratedCeremony();
    const record = buildCeremonyRecord(c.text, { trustedKeys: [c.key.publicKey] });
    expect(recordKeyArn(record.steps)).toBe(record.summary.keyArn);
    expect(record.summary.keyArn).toBe(ARN);
    const other = 'arn:aws:kms:eu-west-1:111122223333:key/other';
    const step = (action: string, keyArn: string | null, result: 'ok' | 'error' = 'ok') => ({
      station: 'online' as const,
      seq: 1,
      time: '2026-11-30T00:56:00.000Z',
      action,
      result,
      keyArn,
      details: {},
    });
    expect(recordKeyArn([step('material.imported', ARN), step('key.described', other)])).toBe(ARN);
    expect(recordKeyArn([step('material.imported', ARN, 'error'), step('key.described', other)])).toBe(other);
    expect(recordKeyArn([step('ceremony.started', null)])).toBeNull();
  });
});
