/** A started ceremony (operator + witnesses), and the witnessed steps the policy requires before Wrap and Import. */
import path from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../../../electron/core/errors';
import { CeremonySession } from '../../../../electron/core/ceremony/session';
import type { ImportRequest } from '../../../../electron/core/ceremony/steps/import';
import { loadOrCreateStationKey, type StationKey } from '../../../../electron/core/transcript';
import type { LazyEmulator } from '../../../../electron/main/lazy-emulator';

export const people = { operator: 'Ada Officer', witnesses: ['Wes Witness', 'Vic Verifier'] };

let key: Promise<StationKey> | null = null;

/** A session whose ceremony is started, its transcript under `dir`. */
export async function startedSession(
  dir: string,
  emulator: LazyEmulator,
  names: { operator: string; witnesses: string[]; approvals?: number } = people,
) {
  key ??= loadOrCreateStationKey(path.join(dir, 'station-key'));
  const s = new CeremonySession({
    emulator: () => emulator.get(),
    transcriptsDir: path.join(dir, 'transcripts'),
    stationKey: () => key!,
  });
  await s.startCeremony({ station: 'online', ...names, resumeCeremonyId: null });
  return s;
}

/** The first witness confirms the fingerprint read aloud, then the material is wrapped. */
export async function confirmAndWrap(s: CeremonySession) {
  await s.confirmFingerprint({ witness: s.ceremony()!.witnesses[0]!, heardWords: null });
  return s.wrap();
}

/** Every witness approves exactly this import, then it is sent. */
export async function approveAndImport(
  s: CeremonySession,
  req: ImportRequest,
  confirm: { reimport?: boolean } = {},
) {
  await approveAll(s, req);
  return s.importKeyMaterial(req, confirm);
}

export async function approveAll(s: CeremonySession, req: ImportRequest) {
  const { digest } = await s.requestImportApproval(req);
  for (const witness of s.ceremony()!.witnesses) await s.approveImport({ witness, digest });
  return digest;
}

/** Awaits a refusal: an AppError with `code` and a hint saying what to do. */
export async function refusal(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).hint).not.toBe('');
  return error as AppError;
}
