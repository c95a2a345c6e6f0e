/** Issue 12: an online ceremony's start warms the embedded emulator (Connect is next); an offline one never does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCeremony } from '../../../../../electron/main/ipc/handlers/ceremony';
import { lazyEmulator } from '../../../../../electron/main/lazy-emulator';
import { createStationServices } from '../../../../../electron/main/services';
import { testContext } from '../../../helpers/main-context';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function station() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kms-warm-'));
  const services = createStationServices(dir);
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => services.close(),
  );
  return services;
}

const people = { operator: 'Ada Officer', witnesses: ['Wes Witness'], resumeCeremonyId: null };

describe('ceremony:start warms the embedded emulator for the Connect step', () => {
  it('online: asks for the emulator once the ceremony has started', async () => {
    const services = station();
    const warmEmulator = vi.fn();
    const ctx = testContext({ session: services.session, station: services.station, warmEmulator });
    const info = await startCeremony(ctx)({ station: 'online', ...people, parameters: null });
    expect(info).toHaveProperty('ceremonyId');
    expect(warmEmulator).toHaveBeenCalledTimes(1);
  });

  it('offline: never starts an emulator (the air-gapped station opens no socket)', async () => {
    const services = station();
    const warmEmulator = vi.fn();
    const ctx = testContext({ session: services.session, station: services.station, warmEmulator });
    const cancelled = await startCeremony(ctx)({
      station: 'offline',
      ...people,
      parameters: { from: 'file', keySpec: null, wrappingAlgorithm: null },
    } as never);
    expect(cancelled).toEqual({ cancelled: true });
    await expect(startCeremony(ctx)({ station: 'offline', ...people, parameters: null })).rejects.toThrow(
      /parameters/,
    );
    expect(warmEmulator).not.toHaveBeenCalled();
  });
});

describe('lazyEmulator.warm()', () => {
  it('starts the emulator in the background; get() then returns that same instance', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kms-warm-'));
    const emulator = lazyEmulator(dir);
    cleanups.push(
      () => rmSync(dir, { recursive: true, force: true }),
      () => emulator.close(),
    );
    emulator.warm();
    emulator.warm();
    const first = await emulator.get();
    const second = await emulator.get();
    expect(second.running).toBe(first.running);
  });

  it('a failed warm-up is reported by the next get(), which tries again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kms-warm-'));
    const holder = lazyEmulator(dir);
    await holder.get(); // holds the data folder's lock
    const second = lazyEmulator(dir);
    cleanups.push(
      () => rmSync(dir, { recursive: true, force: true }),
      () => holder.close(),
      () => second.close(),
    );
    second.warm();
    await expect(second.get()).rejects.toThrow();
    await holder.close();
    await expect(second.get()).resolves.toHaveProperty('endpoint');
  });
});
