/**
 * `target: { emulator: {} }` (issue 12): the runner starts an embedded emulator in kms-emulator/ beside the
 * output folder, keeps it for the next run, and `--fresh` starts it over. The shipped example uses it.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../../electron/core/emulator';
import { run, tempDir } from './helpers';

const tmp = tempDir('script-embedded');
afterAll(() => tmp.cleanup());

/** Key IDs in the embedded emulator's store (read after the run has stopped it). */
async function keysIn(dataDir: string): Promise<number> {
  const emulator = await startEmulator({ dataDir, wrappingKeyPool: 0 });
  try {
    const res = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'TrentService.ListKeys',
        Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kms/aws4_request',
      },
      body: '{}',
    });
    return ((await res.json()) as { Keys: unknown[] }).Keys.length;
  } finally {
    await emulator.close();
  }
}

describe('kms-ceremony run with an embedded emulator', () => {
  it('examples/symmetric-rehearsal.yaml runs with nothing else running; the next run reuses the emulator; --fresh starts over', async () => {
    const example = path.resolve(__dirname, '../../../../examples/symmetric-rehearsal.yaml');
    expect(readFileSync(example, 'utf8')).toMatch(/^target:\n {2}emulator: \{\}$/m);
    const scriptPath = tmp.at('symmetric-rehearsal.yaml');
    cpSync(example, scriptPath);
    const emulatorDir = tmp.at('ceremony-out', 'kms-emulator');

    const first = await run({ scriptPath });
    expect(first.error).toBeNull();
    expect(first.result?.outcome).toBe('completed');
    expect(first.out).toMatch(/verify-transcript: intact/);
    expect(existsSync(path.join(emulatorDir, 'kms-state.journal'))).toBe(true);

    expect((await run({ scriptPath })).result?.outcome).toBe('completed');
    expect(await keysIn(emulatorDir)).toBe(2);

    expect((await run({ scriptPath, freshEmulator: true })).result?.outcome).toBe('completed');
    expect(await keysIn(emulatorDir)).toBe(1);
  });
});
