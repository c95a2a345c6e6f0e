import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { verifyTranscriptFile } from '../../../../electron/core/ceremony/audit';
import { realisticCeremony } from '../transcript/fixtures';

describe('verifyTranscriptFile (the in-app auditor check)', () => {
  it('reads a Windows copy (UTF-16, CRLF) as the CLI does, says so, and still catches tampering', async () => {
    const { dir, online, offline, onlineText } = await realisticCeremony();
    const keys = [online, offline].map((k) => k.publicKeyPath);
    const windows = path.join(dir, 'windows-copy.jsonl');
    writeFileSync(
      windows,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(onlineText.replace(/\n/g, '\r\n'), 'utf16le')]),
    );
    const view = await verifyTranscriptFile(windows, keys);
    expect(view.verification.intact).toBe(true);
    expect(view.verification.message).toMatch(/^intact: \d+ events \(read after: .*UTF-16/);

    const tampered = path.join(dir, 'tampered.jsonl');
    writeFileSync(tampered, onlineText.replace('Wendy Witness', 'Wendy Witnesz'));
    expect((await verifyTranscriptFile(tampered, keys)).verification.intact).toBe(false);
  });
});
