import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadOrCreateStationKey, verifyTranscript } from '../../../../electron/core/transcript';
import { tempDir } from './fixtures';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'append-child.ts');

/** Runs the child until it has acknowledged `minAcks` more events, kills it with SIGKILL, returns the last ack. */
function runAndKill(file: string, keyDir: string, minAcks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file, keyDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastAck = 0;
    let start = -1;
    let buffered = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'ready') start = Number(n);
        if (word === 'ack') lastAck = Number(n);
      }
      if (start >= 0 && lastAck >= start + minAcks) proc.kill('SIGKILL');
    });
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastAck);
      else reject(new Error(`child exited without being killed: ${stderr}`));
    });
  });
}

describe('kill -9 while appending', () => {
  it('loses no acknowledged event, and each restart resumes (recovering a torn line) with an intact chain', async () => {
    const dir = tempDir();
    const keyDir = path.join(dir, 'key');
    const key = await loadOrCreateStationKey(keyDir);
    const file = path.join(dir, 'kill-test.offline.jsonl');
    for (let round = 0; round < 3; round++) {
      const lastAck = await runAndKill(file, keyDir, 15 + round * 7);
      const r = verifyTranscript(await fs.readFile(file), { trustedKeys: [key.publicKey] });
      const verified = r.intact ? r.events : r.intactEvents;
      if (!r.intact) expect(r.problem, r.message).toBe('torn');
      expect(verified).toBeGreaterThanOrEqual(lastAck);
    }
  });
});
