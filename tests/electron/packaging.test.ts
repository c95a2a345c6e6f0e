import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { FuseV1Options } = require('@electron/fuses');
const { fuses } = require('../../scripts/after-pack.cjs');

describe('packaging', () => {
  it('sets every Electron fuse explicitly, with the release values', () => {
    const all = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const option of all) expect(typeof fuses[option], `fuse ${FuseV1Options[option]}`).toBe('boolean');
    expect(fuses.strictlyRequireAllFuses).toBe(true);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('builds offline installers for every desktop platform, with no auto-update', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8'));
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.files).not.toContain('e2e/**');
  });
});
