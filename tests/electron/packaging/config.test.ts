import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { FuseV1Options } from '@electron/fuses';

const require = createRequire(import.meta.url);
const { fuseSettings, fuseConfig } = require('../../../scripts/after-pack.cjs');

describe('packaging', () => {
  it('sets every fuse @electron/fuses knows explicitly, and nothing else', async () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(fuseSettings).sort()).toEqual(known.sort());
    const config = await fuseConfig();
    expect(config.strictlyRequireAllFuses).toBe(true);
    for (const name of known)
      expect(typeof config[FuseV1Options[name as keyof typeof FuseV1Options]]).toBe('boolean');
  });

  it('builds offline installers for every desktop platform, with no auto-update', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8'));
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac.target).toEqual(['dmg']);
  });
});
