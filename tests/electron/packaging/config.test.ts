import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { FuseV1Options } from '@electron/fuses';
import { ELECTRON_45_FUSES, FUSE_SCHEMA_ELECTRON_MAJOR } from '../helpers/stand-in-electron';

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

  it('tests against the fuse schema of the Electron we pin (bump both together)', () => {
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.electron;
    const installed = require('electron/package.json').version;
    expect(pinned).toMatch(new RegExp(`^\\^${FUSE_SCHEMA_ELECTRON_MAJOR}\\.`));
    expect(installed.split('.')[0]).toBe(String(FUSE_SCHEMA_ELECTRON_MAJOR));
    // @electron/fuses names every fuse of that schema, at the same index.
    expect(ELECTRON_45_FUSES.map((f) => f.index)).toEqual(
      Object.values(FuseV1Options).filter((v) => typeof v === 'number'),
    );
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
