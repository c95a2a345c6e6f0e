/**
 * The ceremony's steps, in AWS's order, and which session facts unlock each one. The online station
 * runs all eight (Finish last); the offline (air-gapped) station only wraps: Parameters · Key material · Wrap ·
 * Wrapped bundle.
 */
import type { SessionState } from '../../electron/shared/ipc-contract';

export const STEPS = [
  { id: 'connect', label: 'Connect' },
  { id: 'key', label: 'Key' },
  { id: 'parameters', label: 'Import parameters' },
  { id: 'material', label: 'Key material' },
  { id: 'wrap', label: 'Wrap' },
  { id: 'import', label: 'Import' },
  { id: 'verify', label: 'Verify' },
  { id: 'finish', label: 'Finish' },
] as const;

export const OFFLINE_STEPS = [
  { id: 'parameters', label: 'Parameters' },
  { id: 'material', label: 'Key material' },
  { id: 'wrap', label: 'Wrap' },
  { id: 'bundle', label: 'Wrapped bundle' },
] as const;

/** A rotation (issue 13): the new material comes in through the usual steps, then Rotate replaces Verify. */
export const ROTATION_STEPS = [
  ...STEPS.filter((s) => s.id !== 'verify' && s.id !== 'finish'),
  { id: 'rotate', label: 'Rotate' },
  { id: 'finish', label: 'Finish' },
] as const;

export type StepId =
  (typeof STEPS)[number]['id'] | (typeof OFFLINE_STEPS)[number]['id'] | (typeof ROTATION_STEPS)[number]['id'];
export type StepList = readonly { id: StepId; label: string }[];

/** The steps this station runs (a session without a station, i.e. before main answered, is online). */
export function stepsFor(
  s: Pick<SessionState, 'station'> & Partial<Pick<SessionState, 'rotation'>>,
): StepList {
  if (s.station === 'offline') return OFFLINE_STEPS;
  return s.rotation?.begunAt ? ROTATION_STEPS : STEPS;
}

/** The ceremony's result is proven: the import verified, or the rotation proven. */
const proven = (s: SessionState) =>
  s.verification?.passed === true || (s.rotation?.provenStatements ?? null) !== null;

/** Material wrapped on the offline station stands in for the online station's own material and wrap. */
const wrappedOffline = (s: SessionState) => s.wrapped?.fromOfflineStation === true;

/** A step is reachable once everything it needs exists in main's session. */
const NEEDS: Record<StepId, (s: SessionState) => boolean> = {
  connect: () => true,
  key: (s) => s.connection !== null,
  // Offline, Parameters is where parameters are (re)loaded, e.g. after resuming: always open.
  parameters: (s) => s.station === 'offline' || (s.key !== null && s.key.importability.mode !== 'none'),
  material: (s) => s.parameters !== null,
  wrap: (s) => s.parameters !== null && (s.material !== null || wrappedOffline(s)),
  import: (s) => s.wrapped !== null,
  verify: (s) => s.imported !== null,
  rotate: (s) => s.imported !== null,
  // The summary is of a proven import or rotation; a failed proof ends with Abort (header), not Finish.
  finish: proven,
  bundle: (s) => s.wrapped !== null,
};

/**
 * A multi-Region rotation whose new material is staged on the primary: step Rotate (with its Regions table)
 * stays open while the officers work in the other Regions, whose switch clears the parameters and wrap.
 */
const stagedMultiRegionRotation = (s: SessionState) =>
  s.multiRegion !== null && (s.rotation?.stagedKeyMaterialId ?? null) !== null;

export function reachable(step: StepId, s: SessionState): boolean {
  const steps = stepsFor(s);
  const i = steps.findIndex((x) => x.id === step);
  if (i >= 0 && stagedMultiRegionRotation(s) && (step === 'rotate' || step === 'finish'))
    return step === 'rotate' || proven(s);
  return i >= 0 && steps.slice(0, i + 1).every(({ id }) => NEEDS[id](s));
}

/** Where to put the officers after a reload: the step that comes after the last thing they finished. */
export function resumeStep(s: SessionState): StepId {
  const done: [StepId, boolean][] = [
    ['finish', proven(s)],
    ['verify', s.imported !== null],
    ['rotate', s.imported !== null || stagedMultiRegionRotation(s)],
    ['bundle', s.wrapped !== null],
    ['import', s.wrapped !== null],
    ['wrap', s.material !== null && s.parameters !== null],
    // Offline, loaded parameters are where the officers start: the fingerprint is confirmed there.
    ['material', s.parameters !== null && s.station !== 'offline'],
    ['parameters', s.key !== null && s.key.importability.mode !== 'none'],
    ['key', s.connection !== null],
  ];
  const steps = stepsFor(s);
  const mine = (id: StepId) => steps.some((x) => x.id === id);
  return done.find(([id, ok]) => ok && mine(id))?.[0] ?? steps[0]!.id;
}

export function stepIndex(step: StepId, steps: StepList = STEPS): number {
  return steps.findIndex((s) => s.id === step);
}

/**
 * What the UI assumes before main has answered `sessionState` (nothing is shown until it has). Asserted
 * rather than annotated so tests can spread it and add what they need.
 */
export const EMPTY_SESSION = {
  station: 'online',
  ceremony: null,
  connection: null,
  key: null,
  parameters: null,
  material: null,
  wrapped: null,
  parametersSource: null,
  imported: null,
  verification: null,
  fingerprintConfirmedBy: [],
  policy: {},
  approval: null,
  custody: { entry: null, backups: [] },
  rotation: null,
  multiRegion: null,
  airGapRegions: [],
} as SessionState;
