import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import {
  ELECTRON_45_FUSES,
  FUSE_SENTINEL,
  RELEASE_FUSE_WIRE,
  fuseWireBytes,
  namedWire,
} from '../helpers/stand-in-electron';

const require = createRequire(import.meta.url);
const afterPack: (context: unknown) => Promise<void> = require('../../../scripts/after-pack.cjs');

/** The part of electron-builder's AfterPackContext the hook reads, for a Linux build. */
function linuxContext(appOutDir: string) {
  return {
    appOutDir,
    electronPlatformName: 'linux',
    packager: { executableName: 'kms-key-ceremony', appInfo: { productFilename: 'KMS Key Ceremony' } },
  };
}

describe('afterPack fuses on the Electron 45 fuse wire', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'after-pack-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('flips all nine fuses (the ninth, WasmTrapHandlers, once broke `npm run dist`)', async () => {
    const bytes = fuseWireBytes();
    const at = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    expect([bytes[at], bytes[at + 1]]).toEqual([1, 9]); // version 1, nine fuses
    writeFileSync(join(dir, 'kms-key-ceremony'), bytes);

    await afterPack(linuxContext(dir));

    const { getCurrentFuseWire } = await import('@electron/fuses');
    const wire = await getCurrentFuseWire(join(dir, 'kms-key-ceremony'));
    expect(namedWire(wire)).toEqual(RELEASE_FUSE_WIRE);
    // Only the wire changed: the rest of the binary is byte for byte the same.
    const after = readFileSync(join(dir, 'kms-key-ceremony'));
    expect(after.length).toBe(bytes.length);
    expect(after.subarray(0, at + 2)).toEqual(bytes.subarray(0, at + 2));
    expect(after.subarray(at + 2 + ELECTRON_45_FUSES.length)).toEqual(
      bytes.subarray(at + 2 + ELECTRON_45_FUSES.length),
    );
  });

  it('refuses a wire with a fuse nobody decided on (strictlyRequireAllFuses)', async () => {
    const tenFuses = [...ELECTRON_45_FUSES, { shipped: '0' }];
    writeFileSync(join(dir, 'kms-key-ceremony'), fuseWireBytes(tenFuses));
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(
      /has 10 fuses but you only provided a config for 9/,
    );
  });
});
